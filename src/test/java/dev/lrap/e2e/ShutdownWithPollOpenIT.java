package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.ProcessExit;
import dev.lrap.testing.RawHttp;

/**
 * A runtime that ignores Lambda's SIGTERM still waits on {@code /next} through lrap at SHUTDOWN. No event can come
 * for that poll any more, so lrap does not wait for it to end: it exits as promptly as with no poll open, and with
 * nothing to report as an error.
 */
class ShutdownWithPollOpenIT {

    /** The test plays the runtime: no process gets SIGTERM, and its poll stays open. */
    @RegisterExtension
    static final LambdaEnvironment lambda = LambdaEnvironment.of(FunctionRuntime.playedByTest("IgnoresSigterm")).build();

    @Test
    void lrapExitsWithoutWaitingForTheRuntimesPoll() throws Exception {
        try (RawHttp runtime = new RawHttp(StreamedResponseIT.lrapPort(lambda))) {
            runtime.send(List.of("GET " + LambdaApi.INVOCATION_NEXT + " HTTP/1.1", "Host: 127.0.0.1"), new byte[0]);
            // lrap has passed the poll on: Lambda sees a runtime waiting for an invocation
            while (!lambda.lambda().awaitingInvocation()) {
                Thread.sleep(10);
            }

            ProcessExit exit = lambda.lrapExit();

            assertEquals(0, exit.exitCode(), exit::toString);
            assertFalse(exit.killed(), () -> "lrap outlived the shutdown budget: " + exit);
            assertEquals(List.of(), lambda.lrap().output().lines().filter(line -> line.contains("ERROR")).toList());
        }
    }
}
