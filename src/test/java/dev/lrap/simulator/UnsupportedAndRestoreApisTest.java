package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;

/** The SnapStart restore endpoints and the stubs for the APIs the simulator does not implement. */
class UnsupportedAndRestoreApisTest extends DefaultSimulator {

    @Test
    void restoreNextAnswers200WithAnEmptyBodyAndCompletesTheRuntimesInit() {
        HttpResponse<String> restored = runtime.get(LambdaApi.RESTORE_NEXT);

        assertEquals(200, restored.statusCode());
        assertEquals("", restored.body());
        ExtensionsApiTest.assertRefused(runtime.post(LambdaApi.EXTENSION_REGISTER, "{}", LambdaApi.EXTENSION_NAME, "late"),
                "Extension.RegistrationClosed");
    }

    @Test
    void restoreErrorIsAcceptedAndFailsInvocations() {
        HttpResponse<String> accepted = runtime.post(LambdaApi.RESTORE_ERROR, "{\"errorType\":\"Runtime.AfterRestoreError\"}",
                LambdaApi.FUNCTION_ERROR_TYPE, "Runtime.AfterRestoreError");

        assertEquals(202, accepted.statusCode());
        assertEquals("{\"status\":\"OK\"}", accepted.body());
        assertEquals(Outcome.INIT_FAILED, simulator.invoke(Invocation.of("{}")).outcome());
    }

    @Test
    void telemetryApiIsStubbed() {
        HttpResponse<String> response = runtime.post("/2022-07-01/telemetry", "{\"destination\":{}}");

        assertEquals(202, response.statusCode());
        assertEquals("{\"errorMessage\":\"Telemetry API is not supported\",\"errorType\":\"Telemetry.NotSupported\"}",
                response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void logsApiIsStubbed() {
        HttpResponse<String> response = runtime.post(SimulatorApi.LOGS, "{}");

        assertEquals(202, response.statusCode());
        assertEquals("{\"errorMessage\":\"Logs API is not supported\",\"errorType\":\"Logs.NotSupported\"}",
                response.body());
    }
}
