package dev.lrap.offload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which records hold the strings this execution environment resolved lately. A function that returns content it
 * was given (an agent handing its history on) then reuses the reference instead of storing the value again under
 * a new id, which is how the original extension grows the table with every agent turn.
 * <p>
 * A record is reused only while it has at least half the configured TTL to live, so a reference handed on stays
 * as usable as a fresh one. Holds the {@value #CAPACITY} most recent values, by the SHA-256 of their JSON text.
 */
final class KnownContent {

    private static final int CAPACITY = 256;

    private final Duration ttl;
    private final Map<String, Known> byDigest = Collections.synchronizedMap(new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > CAPACITY;
        }
    });

    KnownContent(Duration ttl) {
        this.ttl = ttl;
    }

    /** Notes that record {@code id} resolved to the string {@code value}; only strings are ever offloaded. */
    void remember(String value, String id, Optional<Instant> expiresAt) {
        byDigest.put(digest(Json.literalText(value)), new Known(id, expiresAt));
    }

    /** A record that holds the value with this JSON text and may be referred to again. */
    Optional<String> idOf(String json, Instant now) {
        Known known = byDigest.get(digest(json));
        return known != null && known.livesAtLeast(now.plus(ttl.dividedBy(2)), ttl) ? Optional.of(known.id()) : Optional.empty();
    }

    private static String digest(String json) {
        return CheckedGzip.sha256(json.getBytes(StandardCharsets.UTF_8));
    }

    private record Known(String id, Optional<Instant> expiresAt) {

        // with a TTL of zero a fresh write never expires, so no record that does is as good
        boolean livesAtLeast(Instant until, Duration ttl) {
            return expiresAt.map(at -> !ttl.isZero() && !at.isBefore(until)).orElse(true);
        }
    }
}
