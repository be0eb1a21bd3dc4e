package dev.lrap.proxy;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lrap.LambdaApi;
import dev.lrap.observability.InvocationLogging;
import dev.lrap.observability.InvocationMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Passes events through the {@link PayloadTransformer} before a runtime sees them. An event the transformer refuses,
 * fails on in any way, or has not finished with when only {@link ProxyConfig#responseMargin()} is left before the
 * invocation's deadline, never reaches a handler: its invocation is reported failed upstream, the way a runtime
 * reports a failed handler, and the waiting runtime gets the next event instead.
 */
@ApplicationScoped
class EventTransformation {

    /** The error type of an invocation whose event the transformer failed on without rejecting it. */
    static final String TRANSFORM_FAILED = "Lrap.EventTransformFailed";

    /** The error type of an invocation whose event the transformer had not finished with in time. */
    static final String TRANSFORM_TIMED_OUT = "Lrap.EventTransformTimedOut";

    private static final Logger LOG = Logger.getLogger(EventTransformation.class);

    private final PayloadTransformer transformer;
    private final UpstreamRuntimeApi upstream;
    private final Vertx vertx;
    private final long marginMillis;
    private final InvocationMetrics invocations;

    EventTransformation(PayloadTransformer transformer, UpstreamRuntimeApi upstream, Vertx vertx, ProxyConfig config,
            InvocationMetrics invocations) {
        this.transformer = transformer;
        this.upstream = upstream;
        this.vertx = vertx;
        this.marginMillis = config.responseMargin().toMillis();
        this.invocations = invocations;
    }

    /**
     * The reply as the runtime should see it, or empty when it was an event that must not reach the handler and its
     * invocation has been reported failed. Replies other than events pass as they are.
     */
    Future<Optional<UpstreamReply>> prepare(UpstreamReply reply) {
        if (!reply.isEvent()) {
            return Future.succeededFuture(Optional.of(reply));
        }
        byte[] event = WholeBody.bytesOf(reply.body());
        try {
            // a tenant-isolated invocation's event always reaches the transformer: its response's items are
            // written for the tenant the event names
            if (reply.header(LambdaApi.TENANT_ID) == null && transformer.leavesEventAlone(event)) {
                return Future.succeededFuture(Optional.of(reply));
            }
        } catch (RuntimeException failure) {
            return reject(reply, failure);
        }
        InvocationContext invocation = InvocationContext.of(reply.header(LambdaApi.REQUEST_ID),
                InvocationDeadlines.deadlineOf(reply), reply.headers());
        return beforeTheDeadline(vertx.executeBlocking(() -> transformer.transformEvent(event, invocation), false),
                invocation)
                .map(transformed -> Optional.of(reply.withBody(RuntimeApiRelay.wrap(transformed))))
                .recover(failure -> reject(reply, failure));
    }

    /**
     * The transform's outcome, or a rejection once only the margin is left before the deadline: past that, the handler
     * could not finish in time anyway, and the caller learns why instead of seeing the invocation time out. A transform
     * that finishes later is discarded. An event that comes with less time left than the margin is not timed: only
     * Lambda's own timeout can end it then.
     */
    private Future<byte[]> beforeTheDeadline(Future<byte[]> transform, InvocationContext invocation) {
        long timeLeft = invocation.remainingMillis() - marginMillis;
        if (invocation.deadlineMs().isEmpty() || timeLeft <= 0) {
            return transform;
        }
        Promise<byte[]> outcome = Promise.promise();
        transform.onComplete(done -> {
            if (done.succeeded()) {
                outcome.tryComplete(done.result());
            } else {
                outcome.tryFail(done.cause());
            }
        });
        TimeLimit.unlessDoneWithin(vertx, timeLeft, outcome.future(), () -> {
            EventRejectedException late = new EventRejectedException(TRANSFORM_TIMED_OUT,
                    "lrap could not prepare the event for the handler before the invocation's deadline",
                    new TimeoutException());
            if (outcome.tryFail(late)) {
                invocations.resolutionFailed(invocation.requestId(), late);
                invocations.finished(invocation.requestId());
            }
        });
        return outcome.future();
    }

    private Future<Optional<UpstreamReply>> reject(UpstreamReply event, Throwable failure) {
        String requestId = event.header(LambdaApi.REQUEST_ID);
        LambdaError error = failure instanceof EventRejectedException rejected && rejected.errorType() != null
                ? new LambdaError(rejected.errorType(), rejected.getMessage())
                // an exception's message may quote the payload; its type says what failed without it
                : new LambdaError(TRANSFORM_FAILED, "lrap could not prepare the event for the handler: "
                        + failure.getClass().getName());
        InvocationLogging.about(requestId, () -> {
            LOG.errorf("Invocation %s fails before reaching the handler: %s: %s", requestId, error.errorType(),
                    error.errorMessage());
            return null;
        });
        return upstream.postInvocationError(requestId, event.header(LambdaApi.INVOCATION_ID), error)
                .<Optional<UpstreamReply>> map(reported -> Optional.empty())
                .otherwise(unreported -> {
                    LOG.errorf("Could not report the failure of invocation %s: %s", requestId, unreported.getMessage());
                    return Optional.empty();
                });
    }
}
