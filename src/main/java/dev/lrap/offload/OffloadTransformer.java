package dev.lrap.offload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import dev.lrap.LambdaApi;
import dev.lrap.config.LrapConfig;
import dev.lrap.observability.InvocationMetrics;
import dev.lrap.observability.LogText;
import dev.lrap.proxy.EventRejectedException;
import dev.lrap.proxy.InvocationContext;
import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.proxy.ProxyConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * lrap's default {@link PayloadTransformer}, the original extension's feature: large strings in responses move to
 * a DynamoDB table and are replaced by references ({@link ContentReference}), and references in events are replaced
 * by the content again, also inside strings that hold JSON themselves. Payloads that are not JSON, or need no
 * change, pass byte for byte, and a changed payload keeps the bytes of everything that did not move.
 * <p>
 * A response whose content cannot be stored goes out as it is; an event whose references cannot be resolved is
 * rejected, so that the handler never takes a reference for its content. The event and the response of a durable
 * execution pass untouched: its service reads the response's {@code Result} itself.
 */
@DefaultBean
@Singleton
@Startup
public class OffloadTransformer implements PayloadTransformer {

    /** The error type of an invocation whose event could not be resolved. */
    public static final String RESOLUTION_FAILED = "Lrap.ContentResolutionFailed";

    private static final Logger LOG = Logger.getLogger(OffloadTransformer.class);

    /**
     * The largest response measured on the I/O thread, Step Functions' limit between states: the byte scan of
     * {@link Json#literalsWithin} takes a fraction of a millisecond for it, less than the hop to a worker thread.
     */
    private static final int SCANNED_AT_ONCE = 256 * 1024;

    /** A durable execution's event has these top-level fields. */
    private static final String[] DURABLE_EXECUTION = { "DurableExecutionArn", "CheckpointToken" };
    private static final byte[] DURABLE_MARK = "\"DurableExecutionArn\"".getBytes(StandardCharsets.US_ASCII);
    /** The mark's second byte, 'D', rare in JSON: a scan compares the whole mark only where it finds it. */
    private static final byte DURABLE_MARK_ANCHOR = DURABLE_MARK[1];

    /** The largest response lrap writes back: it only ever shrinks. */
    private static final long ANY_SIZE = Integer.MAX_VALUE - 8;

    private final ContentStore store;
    private final OffloadPlanner planner;
    private final KnownContent known;
    private final InvocationRecords invocations = new InvocationRecords();
    private final InvocationMetrics metrics;
    private final boolean debug;
    private final int maxContentSize;
    private final int maxPayloadSize;
    private final int maxEventSize;
    private final Duration responseMargin;

    @Inject
    public OffloadTransformer(DynamoDbClient client, OffloadConfig offload, LrapConfig lrap, ProxyConfig proxy,
            InvocationMetrics metrics) {
        this.metrics = metrics;
        this.responseMargin = proxy.responseMargin();
        this.store = new ContentStore(client, offload.table(), offload.contentTtl(), offload.maxAttempts(), offload.maxEventSize());
        this.known = new KnownContent(offload.contentTtl());
        this.planner = new OffloadPlanner(offload.maxContentSize(), offload.maxPayloadSize(), known);
        this.debug = lrap.debug();
        this.maxContentSize = offload.maxContentSize();
        this.maxPayloadSize = offload.maxPayloadSize();
        this.maxEventSize = offload.maxEventSize();
        // built at start-up (@Startup): settings are checked and the client is ready during Lambda's init phase
        client.serviceClientConfiguration();
    }

    /**
     * An event that cannot hold a reference needs no parsing, unless debug mode marks it, it may be durable, or the
     * environment serves durable executions, where every invocation is remembered.
     */
    @Override
    public boolean leavesEventAlone(byte[] event) {
        return !debug && !invocations.servesDurableExecutions() && !mayHoldReferenceOrDurableMark(event);
    }

    @Override
    public boolean leavesResponseAlone(byte[] response) {
        return nothingMoves(response, SCANNED_AT_ONCE);
    }

    @Override
    public byte[] transformEvent(byte[] event, InvocationContext context) {
        Optional<JsonPayload> read = readEvent(event, context);
        boolean durable = read.isPresent() ? read.get().hasTopLevelFields(DURABLE_EXECUTION) : hasDurableMark(event);
        Optional<String> tenant = tenantOf(context);
        // an event lrap cannot read tells the tenant all the same, which the items of its response must carry
        invocations.remember(context.requestId(), new InvocationRecords.Invocation(durable, tenant));
        if (read.isEmpty()) {
            return event;
        }
        JsonPayload payload = read.get();
        if (durable) {
            detail(context, "a durable execution, its event and response pass unchanged");
            return event;
        }
        List<StringSlot> references = references(payload);
        if (!references.isEmpty()) {
            resolve(references, event.length, tenant, context);
        }
        if (debug) {
            payload.mark("proxy_in");
        }
        return !payload.changed() ? event : payload.toBytes(maxEventSize).orElseThrow(() -> rejected(
                "cannot resolve the event: with its %d references resolved it would be larger than LRAP_MAX_EVENT_SIZE allows (%d bytes)"
                        .formatted(references.size(), maxEventSize)));
    }

    @Override
    public byte[] transformResponse(byte[] response, InvocationContext context) {
        InvocationRecords.Invocation invocation = invocations.take(context.requestId());
        if (invocation.durable()) {
            return response;
        }
        try {
            // leavesResponseAlone has measured the smaller ones on their way here
            if (response.length > SCANNED_AT_ONCE && nothingMoves(response, Integer.MAX_VALUE)) {
                return response;
            }
            Deadline deadline = Deadline.of(context, responseMargin);
            deadline.require(Duration.ZERO, "read the response");
            return offload(JsonPayload.parse(response, OffloadPlanner::mayMove), response, invocation.tenant(), deadline, context);
        } catch (StreamConstraintsException e) {
            log(Logger.Level.WARN, context, "response passed on unchanged, it is nested deeper than the %d levels lrap reads",
                    Json.MAX_DEPTH);
        } catch (IOException notJson) {
            return response;
        } catch (ContentStoreException e) {
            log(Logger.Level.WARN, context, "response passed on unchanged, %s", e.getMessage());
            metrics.storeFailed(context.requestId(), e);
        } catch (RuntimeException e) {
            // the type and place only: the message of an exception from a parser may quote the payload
            log(Logger.Level.ERROR, context, "response passed on unchanged, offloading failed with %s at %s",
                    e.getClass().getName(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "an unknown place");
            metrics.storeFailed(context.requestId(), e);
        }
        return response;
    }

    /**
     * Whether nothing in a response moves, so no tree is needed: it is within the payload budget and holds no string
     * over the content limit, being no longer than that limit or, up to {@code largestScanned} bytes, shown so by one
     * streaming pass over its strings. Debug mode marks every response.
     */
    private boolean nothingMoves(byte[] response, int largestScanned) {
        return !debug && response.length <= maxPayloadSize && (response.length <= maxContentSize
                || response.length <= largestScanned && Json.stringsWithin(response, maxContentSize));
    }

    /**
     * The event as JSON, or empty when it is not JSON and cannot show its reader a reference either.
     *
     * @throws EventRejectedException when it may hold a reference but cannot be read, or time is up
     */
    private Optional<JsonPayload> readEvent(byte[] event, InvocationContext context) {
        boolean mayHoldReferences = ContentReference.mayOccurIn(event);
        try {
            if (mayHoldReferences) {
                Deadline.of(context, Deadline.EVENT_MARGIN).require(Duration.ZERO, "resolve its references");
            }
            return Optional.of(JsonPayload.parse(event, OffloadTransformer::mayResolve));
        } catch (ContentStoreException e) {
            throw rejected("cannot resolve the event: " + e.getMessage());
        } catch (StreamConstraintsException e) {
            if (mayHoldReferences) {
                throw rejected("cannot resolve the event: it is nested deeper than the %d levels lrap reads".formatted(Json.MAX_DEPTH));
            }
        } catch (IOException e) {
            if (mayHoldReferences && ContentReference.mayShowIn(event)) {
                throw rejected("cannot resolve the event: it may hold references, but it is not JSON in UTF-8");
            }
        }
        return Optional.empty();
    }

    /** Whether a string of an event is a reference, or may hold JSON with references. */
    private static boolean mayResolve(StringSlot slot) {
        return slot.mayHoldReference() && (ContentReference.isReference(slot.value()) || JsonPayload.mayHoldJson(slot));
    }

    /** The references in a payload, also in strings that hold JSON, at any depth. */
    private static List<StringSlot> references(JsonPayload payload) {
        List<StringSlot> references = new ArrayList<>();
        payload.strings().forEach(slot -> {
            if (ContentReference.isReference(slot.value())) {
                references.add(slot);
            } else {
                payload.open(slot).ifPresent(inner -> references.addAll(references(inner)));
            }
        });
        return references;
    }

    private void resolve(List<StringSlot> references, long eventSize, Optional<String> tenant, InvocationContext context) {
        Map<String, List<StringSlot>> byId = references.stream().collect(Collectors.groupingBy(
                slot -> ContentReference.idOf(slot.value()), LinkedHashMap::new, Collectors.toList()));
        byId.keySet().stream().filter(id -> !ContentReference.isIssued(id)).findFirst().ifPresent(id -> {
            throw rejected("cannot resolve %s: lrap resolves only the record-<uuid> ids it issues".formatted(ContentReference.describe(id)));
        });
        Map<String, ContentStore.Loaded> loaded;
        try {
            loaded = store.load(byId.keySet(), tenant, new EventSize(eventSize, references, byId),
                    Deadline.of(context, Deadline.EVENT_MARGIN));
        } catch (ContentStoreException e) {
            throw rejected(e.getMessage());
        }
        byId.forEach((id, slots) -> {
            byte[] json = asJson(id, loaded.get(id).text());
            slots.forEach(slot -> slot.replaceWith(json));
            Json.stringIn(json).ifPresent(value -> known.remember(value, id, loaded.get(id).expiresAt()));
        });
        byId.keySet().forEach(id -> detail(context, "resolved %s, %d bytes", id, loaded.get(id).text().length));
        metrics.resolved(context.requestId(), references.size(),
                loaded.values().stream().mapToLong(content -> content.text().length).sum());
    }

    /**
     * The original's rule for stored content: the value it holds as JSON, else the text itself, as a string. A value
     * that holds a reference, as an event would, is refused: references resolve one level only, and the handler
     * would get that reference as content. lrap never stores a reference as a value; another writer of the table may.
     */
    private static byte[] asJson(String id, byte[] content) {
        try {
            byte[] json = Json.isValue(content) ? content : Json.literal(new String(content, StandardCharsets.UTF_8));
            if (ContentReference.mayOccurIn(json) && !references(JsonPayload.parse(json, OffloadTransformer::mayResolve)).isEmpty()) {
                throw rejected("cannot resolve %s: its content holds a reference itself".formatted(ContentReference.describe(id)));
            }
            return json;
        } catch (StreamConstraintsException e) {
            throw rejected("cannot resolve %s: its content is nested deeper than the %d levels lrap reads"
                    .formatted(ContentReference.describe(id), Json.MAX_DEPTH));
        } catch (IOException e) {
            throw rejected("cannot resolve %s: its content cannot be read as JSON".formatted(ContentReference.describe(id)));
        }
    }

    /** Admits records while the event, resolved, stays within {@code LRAP_MAX_EVENT_SIZE}; counts every occurrence. */
    private final class EventSize implements ContentStore.Admission {

        private final Map<String, List<StringSlot>> byId;
        private final int references;
        private long size;

        EventSize(long eventSize, List<StringSlot> references, Map<String, List<StringSlot>> byId) {
            this.byId = byId;
            this.references = references.size();
            this.size = eventSize - references.stream().mapToLong(StringSlot::literalLength).sum();
        }

        @Override
        public void admit(Map<String, Long> contentLengths) {
            contentLengths.forEach((id, length) -> size += length * byId.get(id).size());
            if (size > maxEventSize) {
                throw new ContentStoreException(("cannot resolve the event: its %d references to %d records make it at least "
                        + "%d bytes, more than LRAP_MAX_EVENT_SIZE allows (%d bytes)").formatted(references, byId.size(), size, maxEventSize));
            }
        }
    }

    private byte[] offload(JsonPayload payload, byte[] response, Optional<String> tenant, Deadline deadline, InvocationContext context) {
        List<Content> contents = planner.offload(payload, response.length);
        if (!contents.isEmpty()) {
            deadline.require(Duration.ZERO, "store content");
            store.save(contents, tenant, deadline);
            long bytes = 0;
            for (Content content : contents) {
                int size = Utf8.length(content.json());
                detail(context, "stored %s, %d bytes", content.id(), size);
                bytes += size;
            }
            metrics.offloaded(context.requestId(), contents.size(), bytes);
        }
        if (debug) {
            payload.mark("proxy_out");
        }
        return payload.changed() ? payload.toBytes(ANY_SIZE).orElse(response) : response;
    }

    private static Optional<String> tenantOf(InvocationContext context) {
        return context.headers().entrySet().stream()
                .filter(header -> LambdaApi.TENANT_ID.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst();
    }

    private static String requestIdOf(InvocationContext context) {
        return LogText.excerpt(String.valueOf(context.requestId()));
    }

    private static EventRejectedException rejected(String message) {
        return new EventRejectedException(RESOLUTION_FAILED, LogText.bounded(message));
    }

    /**
     * Whether an event may hold a reference or be a durable execution's, found in one pass over its bytes: it is the
     * only pass most events get, and on the I/O thread.
     */
    private static boolean mayHoldReferenceOrDurableMark(byte[] event) {
        for (int i = nextCandidate(event, 0); i < event.length; i = nextCandidate(event, i + 1)) {
            if (ContentReference.mayStartAt(event, i, event.length) || durableMarkAt(event, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an event lrap cannot read holds the durable mark anywhere: its response then passes untouched, as a
     * durable execution's must. Such events are rare, so a plain pass does.
     */
    private static boolean hasDurableMark(byte[] event) {
        return IntStream.range(0, event.length).anyMatch(i -> durableMarkAt(event, i));
    }

    /** Whether the durable mark's anchor at {@code i} belongs to the whole mark. */
    private static boolean durableMarkAt(byte[] event, int i) {
        return event[i] == DURABLE_MARK_ANCHOR && i > 0 && Arrays.equals(event, i - 1,
                Math.min(event.length, i - 1 + DURABLE_MARK.length), DURABLE_MARK, 0, DURABLE_MARK.length);
    }

    /** The next byte from {@code from} on where {@link ContentReference#mayStartAt} or the durable mark's anchor may be. */
    private static int nextCandidate(byte[] event, int from) {
        return ByteScan.indexOfAny(event, from, event.length, (byte) '\\', (byte) '@', ContentReference.OVERLONG_AT_END,
                DURABLE_MARK_ANCHOR);
    }

    /** What happened to a payload, in ids and sizes, never content: at INFO with LRAP_DEBUG, else at DEBUG. */
    private void detail(InvocationContext context, String format, Object... parameters) {
        log(debug ? Logger.Level.INFO : Logger.Level.DEBUG, context, format, parameters);
    }

    /** A line about one invocation, led by its request id as every line of lrap's about an invocation is. */
    private static void log(Logger.Level level, InvocationContext context, String format, Object... parameters) {
        if (LOG.isEnabled(level)) {
            LOG.logf(level, "Invocation %s: %s", requestIdOf(context), format.formatted(parameters));
        }
    }
}
