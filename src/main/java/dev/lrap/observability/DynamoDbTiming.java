package dev.lrap.observability;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Times every DynamoDB call, retries included, for the invocation in the calling thread's MDC. The client is
 * synchronous, so a call starts and ends on the thread that made it.
 */
@ApplicationScoped
public class DynamoDbTiming implements ExecutionInterceptor {

    private final InvocationMetrics metrics;
    private final ThreadLocal<Long> started = new ThreadLocal<>();

    DynamoDbTiming(InvocationMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution call, ExecutionAttributes attributes) {
        started.set(System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution call, ExecutionAttributes attributes) {
        ended();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution call, ExecutionAttributes attributes) {
        ended();
    }

    private void ended() {
        Long start = started.get();
        started.remove();
        String requestId = InvocationLogging.current();
        if (start != null && requestId != null) {
            metrics.dynamoDbCalled(requestId, System.nanoTime() - start);
        }
    }
}
