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
import dev.lrap.observability.InvocationLogging;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;

/**
 * Hands events from the upstream {@code /invocation/next} to the runtime. Each runtime poll causes at most one
 * upstream poll, which the proxy never retries, cancels or times out. When a runtime hangs up mid-poll, its
 * upstream poll passes to the next runtime poll, and an event that arrives with no runtime waiting is kept for
 * the next poll: no invocation is ever lost.
 */
@ApplicationScoped
public class EventDelivery {

    private static final Logger LOG = Logger.getLogger(EventDelivery.class);

    private final UpstreamRuntimeApi upstream;
    private final RuntimeApiRelay relay;
    private final PayloadTransformer transformer;
    private final Executor worker = Infrastructure.getDefaultWorkerPool();
    private final Queue<PendingPoll> pending = new ConcurrentLinkedQueue<>();
    private final Queue<UpstreamReply> undelivered = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();

    EventDelivery(UpstreamRuntimeApi upstream, RuntimeApiRelay relay, PayloadTransformer transformer) {
        this.upstream = upstream;
        this.relay = relay;
        this.transformer = transformer;
    }

    /** Answers one runtime {@code /next} poll. */
    public Uni<Response> next(UriInfo uri, HttpHeaders headers, HttpServerResponse runtime) {
        UpstreamReply kept = undelivered.poll();
        if (kept != null) {
            return relay.relay(CompletableFuture.completedFuture(deliverable(kept, runtime)));
        }
        for (PendingPoll poll : pending) {
            CompletableFuture<UpstreamReply> adopted = poll.adoptIfAbandoned(runtime);
            if (adopted != null) {
                return relay.relay(adopted);
            }
        }
        PendingPoll poll = new PendingPoll(runtime);
        pending.add(poll);
        fetchEvent(RuntimeApiRelay.pathAndQuery(uri), ForwardedHeaders.endToEnd(headers.getRequestHeaders()))
                .whenComplete((event, failure) -> {
                    // settled even when the runtime hung up and its answer was cancelled, so the event is kept
                    pending.remove(poll);
                    poll.settle(event, failure, this::deliverable);
                });
        return relay.relay(poll.answer());
    }

    /** The deadline of an invocation handed to the runtime and not yet answered, forgotten once asked for. */
    public OptionalLong takeDeadline(String requestId) {
        Long deadline = deadlines.remove(requestId);
        return deadline == null ? OptionalLong.empty() : OptionalLong.of(deadline);
    }

    private CompletionStage<UpstreamReply> fetchEvent(String pathAndQuery, MultivaluedMap<String, Object> headers) {
        return upstream.send("GET", pathAndQuery, headers, null).thenCompose(reply -> needsTransforming(reply)
                ? CompletableFuture.supplyAsync(() -> transform(reply), worker)
                        .thenCompose(transformed -> transformed != null ? CompletableFuture.completedFuture(transformed)
                                : fetchEvent(pathAndQuery, headers))
                : CompletableFuture.completedFuture(reply));
    }

    private boolean needsTransforming(UpstreamReply reply) {
        return reply.status() == 200 && !transformer.leavesEventAlone(reply.body());
    }

    /** The event as the handler should see it, or {@code null} when it was rejected and reported upstream. */
    private UpstreamReply transform(UpstreamReply event) {
        String requestId = event.header(LambdaApi.REQUEST_ID);
        return InvocationLogging.about(requestId, () -> transform(event, requestId));
    }

    private UpstreamReply transform(UpstreamReply event, String requestId) {
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
        if (runtime == null || runtime.closed()) {
            keep(reply);
        } else {
            deadlineOf(reply).ifPresent(deadline -> deadlines.put(reply.header(LambdaApi.REQUEST_ID), deadline));
        }
        return reply;
    }

    /** An event whose runtime hung up goes to another runtime still waiting, or else to the next one to poll. */
    private void keep(UpstreamReply reply) {
        LOG.warnf("The runtime hung up before event %s arrived; it goes to the next poll", reply.header(LambdaApi.REQUEST_ID));
        for (PendingPoll poll : pending) {
            if (poll.offer(reply, this::deliverable)) {
                return;
            }
        }
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
