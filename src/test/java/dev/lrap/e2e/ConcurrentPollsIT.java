package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Rendezvous;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * Lambda Managed Instances: with {@code AWS_LAMBDA_MAX_CONCURRENCY=4} AWS's runtime client polls {@code /next} on four
 * threads at once, and lrap has to pass all four polls upstream at the same time, not one after another.
 */
class ConcurrentPollsIT {

    private static final int CONCURRENCY = 4;

    /** The simulator gives the runtime and lrap {@code AWS_LAMBDA_MAX_CONCURRENCY} as Lambda does. */
    @RegisterExtension
    static final LambdaEnvironment managedInstance = LambdaEnvironment.of(Rendezvous.class)
            .maxConcurrency(CONCURRENCY).build();

    @Test
    void fourInvocationsAreInTheirHandlersAtOnce() {
        List<CompletableFuture<InvocationResult>> invocations = IntStream.range(0, CONCURRENCY)
                .mapToObj(i -> managedInstance.invokeAsync(Invocation.of(Rendezvous.event("four at once", CONCURRENCY))))
                .toList();

        // each handler answers only after all four have arrived; one poll at a time would leave it waiting alone
        for (CompletableFuture<InvocationResult> invocation : invocations) {
            InvocationResult result = invocation.join();
            assertEquals(Outcome.RESPONSE, result.outcome(), result::bodyAsString);
            assertEquals("{\"allArrived\":true}", result.bodyAsString());
        }
    }
}
