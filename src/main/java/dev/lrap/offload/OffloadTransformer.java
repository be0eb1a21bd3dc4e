package dev.lrap.offload;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.config.LrapConfig;
import dev.lrap.observability.InvocationMetrics;
import dev.lrap.proxy.EventRejectedException;
import dev.lrap.proxy.InvocationContext;
import dev.lrap.proxy.PayloadTransformer;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * lrap's default {@link PayloadTransformer}, the original extension's feature: large strings in responses move to
 * a DynamoDB table and are replaced by references ({@link ContentReference}), and references in events are replaced
 * by the content again. Payloads that are not JSON, or need no change, pass byte for byte.
 * <p>
 * A response whose content cannot be stored goes out as it is; an event whose references cannot be resolved is
 * rejected, so that the handler never takes a reference for its content.
 */
@DefaultBean
@Singleton
@Startup
public class OffloadTransformer implements PayloadTransformer {

    /** The error type of an invocation whose event could not be resolved. */
    public static final String RESOLUTION_FAILED = "Lrap.ContentResolutionFailed";

    /** The largest response measured on the I/O thread: its streaming pass takes well under a tenth of a millisecond. */
    private static final int SCANNED_AT_ONCE = 64 * 1024;

    private final ContentStore store;
    private final OffloadPlanner planner;
    private final KnownContent known;
    private final InvocationMetrics metrics;
    private final boolean debug;
    private final int maxContentSize;
    private final int maxPayloadSize;

    @Inject
    public OffloadTransformer(DynamoDbClient client, LrapConfig config, InvocationMetrics metrics) {
        LrapConfig.Offload offload = config.offload();
        this.metrics = metrics;
        this.store = new ContentStore(client, offload.table(), offload.contentTtl());
        this.known = new KnownContent(offload.contentTtl());
        this.planner = new OffloadPlanner(offload.maxContentSize(), offload.maxPayloadSize(), known);
        this.debug = config.debug();
        this.maxContentSize = offload.maxContentSize();
        this.maxPayloadSize = offload.maxPayloadSize();
        // built at start-up (@Startup): settings are checked and the client is ready during Lambda's init phase
        client.serviceClientConfiguration();
    }

    /** An event that cannot hold a reference needs no parsing, unless debug mode marks it. */
    @Override
    public boolean leavesEventAlone(byte[] event) {
        return !debug && !ContentReference.mayOccurIn(event);
    }

    @Override
    public boolean leavesResponseAlone(byte[] response) {
        return nothingMoves(response, SCANNED_AT_ONCE);
    }

    @Override
    public byte[] transformEvent(byte[] event, InvocationContext context) {
        return JsonPayload.parse(event).map(payload -> {
            resolve(payload, context);
            return finish(payload, "proxy_in", event);
        }).orElse(event);
    }

    @Override
    public byte[] transformResponse(byte[] response, InvocationContext context) {
        try {
            // leavesResponseAlone has measured the smaller ones on their way here
            if (response.length > SCANNED_AT_ONCE && nothingMoves(response, Integer.MAX_VALUE)) {
                return response;
            }
            return JsonPayload.parse(response).map(payload -> offload(payload, response, context)).orElse(response);
        } catch (ContentStoreException e) {
            Log.warnf("Invocation %s: response passed on unchanged, %s", context.requestId(), e.getMessage());
            metrics.storeFailed(context.requestId(), e);
        } catch (RuntimeException e) {
            Log.errorf(e, "Invocation %s: response passed on unchanged, offloading failed", context.requestId());
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

    private void resolve(JsonPayload payload, InvocationContext context) {
        Map<String, List<StringSlot>> references = payload.strings()
                .filter(slot -> ContentReference.isReference(slot.value()))
                .collect(Collectors.groupingBy(slot -> ContentReference.idOf(slot.value())));
        if (references.isEmpty()) {
            return;
        }
        Map<String, ContentStore.Loaded> loaded;
        try {
            loaded = store.load(references.keySet(), Deadline.of(context));
        } catch (ContentStoreException e) {
            throw new EventRejectedException(RESOLUTION_FAILED, e.getMessage(), e);
        }
        references.forEach((id, slots) -> {
            JsonNode value = Json.parseOrText(loaded.get(id).text());
            slots.forEach(slot -> slot.replaceWith(value));
            known.remember(value, id, loaded.get(id).expiresAt());
        });
        metrics.resolved(context.requestId(), references.size(),
                loaded.values().stream().mapToLong(content -> Utf8.length(content.text())).sum());
        detail("Invocation %s: resolved %d references %s", context.requestId(), references.size(), references.keySet());
    }

    private byte[] offload(JsonPayload payload, byte[] response, InvocationContext context) {
        List<Content> contents = planner.offload(payload, response.length);
        if (!contents.isEmpty()) {
            store.save(contents, Deadline.of(context));
            long bytes = 0;
            for (Content content : contents) {
                int size = Utf8.length(content.json());
                detail("Invocation %s: stored %s, %d bytes", context.requestId(), content.id(), size);
                bytes += size;
            }
            metrics.offloaded(context.requestId(), contents.size(), bytes);
        }
        return finish(payload, "proxy_out", response);
    }

    private byte[] finish(JsonPayload payload, String marker, byte[] original) {
        if (debug) {
            payload.mark(marker);
        }
        return payload.changed() ? payload.toBytes() : original;
    }

    /** What happened to a payload, in ids and sizes, never content: at INFO with LRAP_DEBUG, else at DEBUG. */
    private void detail(String format, Object... parameters) {
        Log.logf(debug ? Logger.Level.INFO : Logger.Level.DEBUG, format, parameters);
    }
}
