package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;

/** AWS's own Java runtime interface client runs against the simulator as it runs on Lambda. */
class JavaRuntimeClientTest {

    @TempDir
    Path dir;

    @Test
    void echoesEventsAndReportsHandlerExceptions() {
        try (LambdaSimulator simulator = LambdaSimulator.builder().functionTimeout(Duration.ofSeconds(20)).build().start()) {
            simulator.launchRuntime(JavaRuntimeClient.command(EchoHandler.class.getName() + "::handleRequest", dir), Map.of());

            InvocationResult echoed = simulator.invoke(Invocation.of("{\"hello\":\"world\"}"));
            InvocationResult failed = simulator.invoke(Invocation.of("\"fail\""));

            assertEquals(Outcome.RESPONSE, echoed.outcome());
            assertEquals("{\"hello\":\"world\"}", echoed.bodyAsString());
            assertEquals(Outcome.FUNCTION_ERROR, failed.outcome());
            assertTrue(failed.bodyAsString().contains("failure requested by the event"), failed.bodyAsString());
            RecordedRequest errorReport = failed.runtimeRequest().orElseThrow();
            assertEquals(List.of("Runtime.UserException"), errorReport.headerValues(LambdaApi.FUNCTION_ERROR_TYPE));
            assertTrue(errorReport.header(LambdaApi.XRAY_ERROR_CAUSE).orElseThrow().contains("IllegalStateException"));
        }
    }
}
