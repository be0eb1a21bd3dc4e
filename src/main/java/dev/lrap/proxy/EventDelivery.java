package dev.lrap.proxy;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import dev.lrap.LambdaApi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;

/**
 * Hands events from the upstream {@code /invocation/next} to the runtime. Each runtime poll causes exactly one
 * upstream poll, which is never retried, cancelled or timed out by the proxy. An event whose runtime connection
 * is gone by the time it arrives is kept and handed to the next poll, so no invocation is ever lost.
 */
@ApplicationScoped
public class EventDelivery {

    private static final Logger LOG = Logger.getLogger(EventDelivery.class);

    private final UpstreamRuntimeApi upstream;
    private final RuntimeApiRelay relay;
    private final PayloadTransformer transformer;
    private final Executor worker = Infrastructure.getDefaultWorkerPool();
    private final Queue<UpstreamReply> undelivered = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();

    EventDelivery(UpstreamRuntimeApi upstream, RuntimeApiRelay relay, PayloadTransformer transformer) {
        this.upstream = upstream;
        this.relay = relay;
        this.transformer = transformer;
    }

    /** Answers one runtime {@code /next} poll. */
    public Uni<Response> next(UriInfo uri, HttpHeaders headers, HttpServerResponse runtime) {
        UpstreamReply waiting = undelivered.poll();
        if (waiting != null) {
            return Uni.createFrom().item(handOver(waiting, runtime));
        }
        CompletableFuture<UpstreamReply> event = new CompletableFuture<>();
        // a separate future, so a runtime that hangs up cancels nothing upstream
        fetchEvent(RuntimeApiRelay.pathAndQuery(uri), ForwardedHeaders.endToEnd(headers.getRequestHeaders()))
                .whenComplete((reply, failure) -> {
                    if (failure == null) {
                        event.complete(reply);
                    } else {
                        event.completeExceptionally(failure);
                    }
                });
        return relay.relay(event.thenApply(reply -> deliverable(reply, runtime)));
    }

    /** The deadline of an invocation handed to the runtime and not yet answered, forgotten once asked for. */
    public OptionalLong takeDeadline(String requestId) {
        Long deadline = deadlines.remove(requestId);
        return deadline == null ? OptionalLong.empty() : OptionalLong.of(deadline);
    }

    private CompletionStage<UpstreamReply> fetchEvent(String pathAndQuery, MultivaluedMap<String, Object> headers) {
        return upstream.send("GET", pathAndQuery, headers, null).thenCompose(reply -> reply.status() == 200
                ? CompletableFuture.supplyAsync(() -> transform(reply), worker)
                        .thenCompose(transformed -> transformed != null ? CompletableFuture.completedFuture(transformed)
                                : fetchEvent(pathAndQuery, headers))
                : CompletableFuture.completedFuture(reply));
    }

    /** The event as the handler should see it, or {@code null} when it was rejected and reported upstream. */
    private UpstreamReply transform(UpstreamReply event) {
        String requestId = event.header(LambdaApi.REQUEST_ID);
        try {
            return event.withBody(transformer.transformEvent(event.body(),
                    new InvocationContext(requestId, deadlineOf(event), event.headers())));
        } catch (EventRejectedException rejected) {
            LOG.errorf("Invocation %s fails before reaching the handler: %s", requestId, rejected.getMessage());
            upstream.postInvocationError(requestId, event.header(LambdaApi.INVOCATION_ID), rejected.errorType(),
                    rejected.getMessage())
                    .exceptionally(failure -> {
                        LOG.errorf("Could not report the failure of invocation %s: %s", requestId, failure.getMessage());
                        return null;
                    })
                    .toCompletableFuture().join();
            return null;
        }
    }

    private UpstreamReply deliverable(UpstreamReply reply, HttpServerResponse runtime) {
        if (reply.status() != 200) {
            return reply;
        }
        if (runtime.closed()) {
            park(reply);
        } else {
            deadlineOf(reply).ifPresent(deadline -> deadlines.put(reply.header(LambdaApi.REQUEST_ID), deadline));
        }
        return reply;
    }

    private Response handOver(UpstreamReply reply, HttpServerResponse runtime) {
        return deliverable(reply, runtime).toResponse();
    }

    private void park(UpstreamReply reply) {
        LOG.warnf("The runtime hung up before event %s arrived; it goes to the next poll", reply.header(LambdaApi.REQUEST_ID));
        undelivered.add(reply);
    }

    private static OptionalLong deadlineOf(UpstreamReply event) {
        String deadline = event.header(LambdaApi.DEADLINE_MS);
        try {
            return deadline == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(deadline.trim()));
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }
}
