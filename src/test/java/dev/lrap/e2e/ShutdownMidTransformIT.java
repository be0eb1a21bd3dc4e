package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.BigFields;
import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.ProcessExit;

/**
 * lrap is told to stop while it still transforms a response: the field it stores waits on a DynamoDB that does not
 * answer. Stopping must neither lose that response nor keep lrap beyond Lambda's shutdown budget.
 */
class ShutdownMidTransformIT {

    private static final int FIELD = 20_000;
    /** Far beyond the test: the store never finishes by itself. */
    private static final Duration DYNAMODB_LATENCY = Duration.ofMinutes(5);

    private static final DynamoDbLocal table = DynamoDbLocal.start();
    private static final TableLink tableLink = TableLink.to(table.endpoint());

    /** A fresh environment for every test: each one stops lrap. */
    @RegisterExtension
    final LambdaEnvironment tool = LambdaEnvironment.of(BigFields.class).dynamoDbAt(tableLink.endpoint()).build();

    private CompletableFuture<InvocationResult> result;

    @BeforeEach
    void storeTheResponseFieldWhileDynamoDbHoldsIt() throws InterruptedException {
        tableLink.slow(DYNAMODB_LATENCY);
        result = tool.invokeAsync(Invocation.of(BigFields.event(1, FIELD)));
        tableLink.awaitHeldChunk();
    }

    @AfterEach
    void releaseTheStore() {
        tableLink.restore();
    }

    @AfterAll
    static void stopTable() {
        tableLink.close();
        table.close();
    }

    @Test
    void lambdasShutdownEndsLrapWithinTheBudget() {
        ProcessExit exit = tool.lrapExit();

        assertEquals(0, exit.exitCode(), exit::toString);
        assertFalse(exit.killed(), () -> "lrap outlived the shutdown budget: " + exit);
    }

    @Test
    void sigtermPassesTheResponseOnUnchangedBeforeLrapExits() {
        ProcessHandle.of(tool.lrap().pid()).ifPresent(ProcessHandle::destroy);

        InvocationResult relayed = result.join();
        assertEquals(Outcome.RESPONSE, relayed.outcome(), relayed::bodyAsString);
        assertArrayEquals(Documents.bytes(Documents.object().put("field0", BigFields.text(0, FIELD))), relayed.body());
        ProcessExit exit = tool.lrapExit();
        assertFalse(exit.killed(), () -> "lrap outlived the shutdown budget: " + exit);
    }
}
