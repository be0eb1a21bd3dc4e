package dev.lrap.proxy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.lrap.LambdaApi;
import dev.lrap.observability.InvocationLogging;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Passes events through the {@link PayloadTransformer} before a runtime sees them. An event the transformer refuses,
 * or fails on in any way, never reaches a handler: its invocation is reported failed upstream, the way a runtime
 * reports a failed handler, and the waiting runtime gets the next event instead.
 */
@ApplicationScoped
class EventTransformation {

    /** The error type of an invocation whose event the transformer failed on without rejecting it. */
    static final String TRANSFORM_FAILED = "Lrap.EventTransformFailed";

    private static final Logger LOG = Logger.getLogger(EventTransformation.class);

    private final PayloadTransformer transformer;
    private final UpstreamRuntimeApi upstream;
    private final Vertx vertx;

    EventTransformation(PayloadTransformer transformer, UpstreamRuntimeApi upstream, Vertx vertx) {
        this.transformer = transformer;
        this.upstream = upstream;
        this.vertx = vertx;
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
        return vertx.executeBlocking(() -> transformer.transformEvent(event, invocation), false)
                .map(transformed -> Optional.of(reply.withBody(RuntimeApiRelay.wrap(transformed))))
                .recover(failure -> reject(reply, failure));
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
