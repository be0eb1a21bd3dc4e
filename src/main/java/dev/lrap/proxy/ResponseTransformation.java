package dev.lrap.proxy;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.lrap.LambdaApi;
import dev.lrap.observability.InvocationLogging;
import dev.lrap.observability.InvocationMetrics;
import dev.lrap.observability.LogText;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Passes results through the {@link PayloadTransformer} before Lambda sees them, without ever making them late or
 * losing them. Results are relayed from a Vert.x route, like events, rather than through a JAX-RS resource: Quarkus
 * REST's request handling took about a fifth of lrap's CPU time for a small invocation, on the path every invocation
 * takes. The transformer gets the time until the invocation's deadline less
 * {@link ProxyConfig#responseMargin()}, and when it fails, or has not finished by then, the result goes upstream
 * as the runtime sent it. A transform finished too late is discarded. So is one still running when lrap stops: its
 * result goes upstream as the runtime sent it before lrap exits.
 */
@ApplicationScoped
class ResponseTransformation {

    private static final Logger LOG = Logger.getLogger(ResponseTransformation.class);

    private final PayloadTransformer transformer;
    private final Vertx vertx;
    private final long marginMillis;
    private final InvocationMetrics invocations;
    private final InvocationDeadlines deadlines;
    private final RuntimeApiRelay relay;
    /** For each transform under way, what passes its result on unchanged: run when lrap stops. */
    private final Set<Runnable> underWay = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    ResponseTransformation(PayloadTransformer transformer, Vertx vertx, ProxyConfig config, InvocationMetrics invocations,
            InvocationDeadlines deadlines, RuntimeApiRelay relay) {
        this.transformer = transformer;
        this.vertx = vertx;
        this.marginMillis = config.responseMargin().toMillis();
        this.invocations = invocations;
        this.deadlines = deadlines;
        this.relay = relay;
    }

    /**
     * Relays the result a runtime posts to {@code /invocation/{requestId}/response}. A streamed one only gets here over
     * HTTP/2 (see {@link StreamedBodyRelay}): raw bytes in flight, not a document lrap may rewrite, it goes on whole. So
     * does a result for an invocation lrap did not hand out (an id of the runtime's making, a second result, an id
     * spelled otherwise): Lambda refuses it, and nothing must be stored for it.
     */
    void relay(RoutingContext context) {
        HttpServerRequest request = context.request();
        // the id as Lambda matches it: as the path spells it, not decoded as the route's path parameters are
        String requestId = LambdaApi.answeredInvocation(request.method().name(), request.path());
        Optional<InvocationDeadlines.Delivered> invocation = deadlines.take(requestId);
        if (invocation.isEmpty() || StreamedBodyRelay.isStreamed(request)) {
            relay.forward(context);
        } else {
            OptionalLong deadline = invocation.get().deadline();
            relay.forward(context, response -> prepare(requestId, response, deadline, request.headers()));
        }
    }

    /** The body to send upstream for the result {@code original} of invocation {@code requestId}. */
    private Future<Buffer> prepare(String requestId, Buffer original, OptionalLong deadline, MultiMap headers) {
        byte[] response = WholeBody.bytesOf(original);
        try {
            if (transformer.leavesResponseAlone(response)) {
                return Future.succeededFuture(original);
            }
        } catch (RuntimeException failure) {
            logFailure(requestId, failure);
            return Future.succeededFuture(original);
        }
        long timeLeft = deadline.isPresent() ? deadline.getAsLong() - marginMillis - System.currentTimeMillis()
                : Long.MAX_VALUE;
        if (timeLeft <= 0) {
            passedForLackOfTime(requestId, "no time left");
            return Future.succeededFuture(original);
        }
        InvocationContext invocation = InvocationContext.of(requestId, deadline, headers);
        Promise<Buffer> sent = Promise.promise();
        passOnWhenLrapStops(requestId, original, sent);
        if (deadline.isPresent()) {
            passOnWhenTimeRunsOut(requestId, original, sent, timeLeft);
        }
        vertx.executeBlocking(() -> transformer.transformResponse(response, invocation), false).onComplete(result -> {
            if (result.failed()) {
                logFailure(requestId, result.cause());
                sent.tryComplete(original);
            } else {
                sent.tryComplete(result.result() == null ? original : RuntimeApiRelay.wrap(result.result()));
            }
        });
        return sent.future();
    }

    /** Passes {@code original} on as the result {@code sent} if the transform has not finished in {@code timeLeft} ms. */
    private void passOnWhenTimeRunsOut(String requestId, Buffer original, Promise<Buffer> sent, long timeLeft) {
        TimeLimit.unlessDoneWithin(vertx, timeLeft, sent.future(), () -> {
            if (sent.tryComplete(original)) {
                passedForLackOfTime(requestId, "the transform did not finish");
            }
        });
    }

    /**
     * Passes {@code original} on as the result {@code sent} if lrap stops before it is sent: Lambda's shutdown
     * budget leaves no time to wait for DynamoDB, and a worker still waiting on it must not keep lrap from exiting.
     */
    private void passOnWhenLrapStops(String requestId, Buffer original, Promise<Buffer> sent) {
        Context relaying = vertx.getOrCreateContext();
        Runnable passOn = () -> relaying.runOnContext(stop -> {
            if (sent.tryComplete(original)) {
                passedForLackOfTime(requestId, "lrap is stopping");
            }
        });
        underWay.add(passOn);
        sent.future().onComplete(done -> underWay.remove(passOn));
        if (stopping) {
            passOn.run();
        }
    }

    /**
     * Quarkus fires this as it begins to stop, on Lambda's SHUTDOWN or a SIGTERM alike, before it waits for the
     * requests under way (with no {@code quarkus.shutdown.delay} set, there is no delay, only the event).
     */
    void passOnEveryResultUnderWay(@Observes ShutdownDelayInitiatedEvent lrapStops) {
        stopping = true;
        underWay.forEach(Runnable::run);
    }

    /** A response that goes out unchanged for lack of time counts as a store failure, for the reason {@code OutOfTime}. */
    private void passedForLackOfTime(String requestId, String what) {
        InvocationLogging.about(requestId, () -> {
            LOG.warnf("Invocation %s: %s before the deadline, response passed on unchanged", LogText.excerpt(requestId), what);
            return null;
        });
        invocations.storeFailed(requestId, new TimeoutException(what));
    }

    private static void logFailure(String requestId, Throwable failure) {
        // the exception's type only: its message may quote the payload
        LOG.errorf("Invocation %s: response passed on unchanged, the transformer failed with %s",
                LogText.excerpt(requestId), failure.getClass().getName());
    }
}
