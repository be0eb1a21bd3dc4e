package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;
import io.restassured.response.Response;

/** The SnapStart restore endpoints and the stubs for the APIs the simulator does not implement. */
class UnsupportedAndRestoreApisTest extends DefaultSimulator {

    @Test
    void restoreNextAnswers200WithAnEmptyBodyAndCompletesTheRuntimesInit() {
        Response restored = runtime.get(LambdaApi.RESTORE_NEXT);

        assertEquals(200, restored.statusCode());
        assertEquals("", restored.asString());
        ExtensionsApiTest.assertRefused(runtime.post(LambdaApi.EXTENSION_REGISTER, "{}", LambdaApi.EXTENSION_NAME, "late"),
                "Extension.RegistrationClosed");
    }

    @Test
    void restoreErrorIsAcceptedAndFailsInvocations() {
        Response accepted = runtime.post(LambdaApi.RESTORE_ERROR, "{\"errorType\":\"Runtime.AfterRestoreError\"}",
                LambdaApi.FUNCTION_ERROR_TYPE, "Runtime.AfterRestoreError");

        assertEquals(202, accepted.statusCode());
        assertEquals("{\"status\":\"OK\"}", accepted.asString());
        assertEquals(Outcome.INIT_FAILED, simulator.invoke(Invocation.of("{}")).outcome());
    }

    @Test
    void telemetryApiIsStubbed() {
        Response response = runtime.post("/2022-07-01/telemetry", "{\"destination\":{}}");

        assertEquals(202, response.statusCode());
        assertEquals("{\"errorMessage\":\"Telemetry API is not supported\",\"errorType\":\"Telemetry.NotSupported\"}",
                response.asString());
        assertEquals("application/json", response.header("Content-Type"));
    }

    @Test
    void logsApiIsStubbed() {
        Response response = runtime.post(SimulatorApi.LOGS, "{}");

        assertEquals(202, response.statusCode());
        assertEquals("{\"errorMessage\":\"Logs API is not supported\",\"errorType\":\"Logs.NotSupported\"}",
                response.asString());
    }
}
