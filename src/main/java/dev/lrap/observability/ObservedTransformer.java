package dev.lrap.observability;

import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import dev.lrap.proxy.InvocationContext;
import dev.lrap.proxy.PayloadTransformer;

/**
 * Watches whichever {@link PayloadTransformer} lrap runs: while it works on an invocation, that invocation's request
 * id is in the MDC (so log lines and DynamoDB calls are attributed to it) and the time it takes is counted. An event
 * it cannot transform ends the invocation with a resolution failure.
 */
@Decorator
@Priority(1)
public class ObservedTransformer implements PayloadTransformer {

    @Inject
    @Delegate
    @Any
    PayloadTransformer transformer;

    @Inject
    InvocationMetrics metrics;

    @Override
    public byte[] transformEvent(byte[] event, InvocationContext context) {
        try {
            return timed(context, () -> transformer.transformEvent(event, context));
        } catch (RuntimeException rejected) {
            metrics.resolutionFailed(context.requestId(), rejected);
            metrics.finished(context.requestId());
            throw rejected;
        }
    }

    @Override
    public byte[] transformResponse(byte[] response, InvocationContext context) {
        return timed(context, () -> transformer.transformResponse(response, context));
    }

    @Override
    public boolean leavesEventAlone(byte[] event) {
        return transformer.leavesEventAlone(event);
    }

    @Override
    public boolean leavesResponseAlone(byte[] response) {
        return transformer.leavesResponseAlone(response);
    }

    private byte[] timed(InvocationContext context, Supplier<byte[]> transform) {
        long start = System.nanoTime();
        try {
            return InvocationLogging.about(context.requestId(), transform);
        } finally {
            metrics.transformed(context.requestId(), System.nanoTime() - start);
        }
    }
}
