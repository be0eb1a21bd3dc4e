package dev.lrap.offload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides which strings leave a response and puts references in their place: every string over
 * {@code MAX_CONTENT_SIZE}, then, while the response is still over {@code LRAP_MAX_PAYLOAD_SIZE}, the largest of
 * the rest. Strings are object fields and array elements at any depth, and, in the API Gateway shape, those of a
 * top-level {@code body} string that holds JSON (as in the original). Equal values in one response share a record,
 * and a value this environment resolved lately keeps the record it came from (see {@link KnownContent}).
 * <p>
 * A string whose bytes are not well-formed UTF-8 stays where it is: its value would not be what its bytes say.
 */
final class OffloadPlanner {

    private static final String BODY = "body";

    private final int maxContentSize;
    private final int maxPayloadSize;
    private final KnownContent known;

    OffloadPlanner(int maxContentSize, int maxPayloadSize, KnownContent known) {
        this.maxContentSize = maxContentSize;
        this.maxPayloadSize = maxPayloadSize;
        this.known = known;
    }

    /**
     * Replaces strings of {@code payload} with references.
     *
     * @param originalSize the size of the payload as it came
     * @return the values to store under new ids before the payload may go out
     */
    List<Content> offload(JsonPayload payload, int originalSize) {
        Offloads offloads = new Offloads(Instant.now());
        List<StringSlot> rest = new ArrayList<>();
        candidates(payload).forEach(slot -> {
            // a literal is never shorter than its value in UTF-8 plus quotes: most strings need no decoding
            if (slot.literalLength() - 2 > maxContentSize && Utf8.length(slot.value()) > maxContentSize) {
                offloads.move(slot);
            } else {
                rest.add(slot);
            }
        });
        long size = originalSize - offloads.saved;
        Iterator<StringSlot> largestFirst = rest.stream()
                .sorted(Comparator.comparingInt(StringSlot::literalLength).reversed())
                .iterator();
        while (size > maxPayloadSize && largestFirst.hasNext()) {
            size -= offloads.move(largestFirst.next());
        }
        return offloads.toStore;
    }

    /**
     * Whether a string of a response can be worth moving: one no longer than a reference never is, and neither is
     * anything inside it when it is an API Gateway body.
     */
    static boolean mayMove(StringSlot slot) {
        return slot.literalLength() > ContentReference.LENGTH + 2;
    }

    private static Stream<StringSlot> candidates(JsonPayload payload) {
        return payload.strings()
                .filter(slot -> !slot.atRoot())
                .flatMap(slot -> slot.isTopLevelField(BODY)
                        ? payload.open(slot).map(body -> body.strings().filter(inner -> !inner.atRoot())).orElse(Stream.of(slot))
                        : Stream.of(slot))
                // a reference never becomes content itself: readers resolve one level only
                .filter(slot -> !(slot.mayHoldReference() && ContentReference.isReference(slot.value())));
    }

    /** The values one response moves out, by their JSON text. */
    private final class Offloads {

        private final Instant now;
        private final Map<String, String> idsByJson = new HashMap<>();
        private final List<Content> toStore = new ArrayList<>();
        private long saved;

        Offloads(Instant now) {
            this.now = now;
        }

        /**
         * Puts a reference in the slot, if its bytes are well-formed.
         *
         * @return how many bytes that saves in the payload, at least (more inside an API Gateway body, where the
         *         text is escaped twice)
         */
        long move(StringSlot slot) {
            if (!slot.isWellFormed()) {
                return 0;
            }
            String json = Json.literalText(slot.value());
            byte[] reference = Json.literal(ContentReference.to(idsByJson.computeIfAbsent(json, this::recordFor)));
            slot.replaceWith(reference);
            long saving = slot.literalLength() - reference.length;
            saved += saving;
            return saving;
        }

        private String recordFor(String json) {
            return known.idOf(json, now).orElseGet(() -> {
                String id = ContentReference.newId();
                toStore.add(new Content(id, json));
                return id;
            });
        }
    }
}
