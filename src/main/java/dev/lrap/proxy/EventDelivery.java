package dev.lrap.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.lrap.LambdaApi;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Hands events from the upstream {@code /invocation/next} to the runtime. An event counts as delivered only once
 * its write to a runtime connection completed; an event whose write failed goes to the next runtime poll, so no
 * invocation is ever lost, and none is handed out twice. The proxy never retries, cancels or times out an upstream
 * poll.
 * <p>
 * The answer is written here rather than returned from a JAX-RS resource, because only the write itself tells
 * whether the runtime got the event.
 */
@ApplicationScoped
class EventDelivery {

    private static final Logger LOG = Logger.getLogger(EventDelivery.class);

    private final PollHandover handover = new PollHandover();
    private final UpstreamRuntimeApi upstream;
    private final EventTransformation transformation;
    private final InvocationDeadlines deadlines;
    private final RuntimeApiRelay relay;

    EventDelivery(UpstreamRuntimeApi upstream, EventTransformation transformation, InvocationDeadlines deadlines,
            RuntimeApiRelay relay) {
        this.upstream = upstream;
        this.transformation = transformation;
        this.deadlines = deadlines;
        this.relay = relay;
    }

    /** Answers one runtime {@code /next} poll. */
    void next(RoutingContext context) {
        HttpServerResponse runtime = context.response();
        runtime.closeHandler(closed -> handover.hungUp(runtime));
        PollHandover.Arrival arrival = handover.arrive(runtime);
        if (arrival.endsUnanswered()) {
            runtime.reset();
        } else if (arrival.kept() != null) {
            deliver(arrival.kept(), runtime);
        } else if (arrival.pollsUpstream()) {
            poll(context.request().uri(), ForwardedHeaders.endToEnd(context.request().headers()));
        }
    }

    /**
     * Quarkus fires this as it begins to stop, on Lambda's SHUTDOWN or a SIGTERM alike, then waits for the requests
     * under way. A runtime poll is one only while its runtime ignores SIGTERM, and no event comes for it any more:
     * lrap ends it unanswered, as its exit would, rather than wait out {@code quarkus.shutdown.timeout} for it and log
     * that as an error. A poll that comes later ends at once. Results the runtime sends still go through.
     */
    void endEveryPoll(@Observes ShutdownDelayInitiatedEvent lrapStops) {
        handover.stop().forEach(HttpServerResponse::reset);
    }

    private void poll(String pathAndQuery, MultiMap headers) {
        fetchEvent(pathAndQuery, headers).onComplete(reply -> {
            if (reply.succeeded()) {
                deliver(reply.result(), handover.answered(reply.result()));
            } else {
                HttpServerResponse runtime = handover.failed();
                if (runtime != null) {
                    relay.unavailable(reply.cause()).writeTo(runtime);
                }
            }
        });
    }

    /** The next reply from upstream a runtime may see: events the transformer refuses are reported and skipped. */
    private Future<UpstreamReply> fetchEvent(String pathAndQuery, MultiMap headers) {
        return upstream.send(HttpMethod.GET, pathAndQuery, headers, null)
                .compose(transformation::prepare)
                .compose(prepared -> prepared.map(Future::succeededFuture)
                        .orElseGet(() -> fetchEvent(pathAndQuery, headers)));
    }

    private void deliver(UpstreamReply reply, HttpServerResponse runtime) {
        if (runtime == null) {
            return;
        }
        if (reply.isEvent()) {
            deadlines.remember(reply);
        }
        reply.writeTo(runtime).onFailure(failure -> {
            if (reply.isEvent()) {
                LOG.warnf("Event %s did not reach its runtime (%s); it goes to the next poll",
                        reply.header(LambdaApi.REQUEST_ID), failure.getMessage());
                deliver(reply, handover.redeliver(reply));
            }
        });
    }
}
