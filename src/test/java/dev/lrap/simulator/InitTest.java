package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;
import io.restassured.response.Response;

/** Init: invocations wait for the runtime and every extension, and an init error fails them. */
class InitTest {

    private LambdaSimulator simulator;
    private ApiCalls http;

    @BeforeEach
    void start() {
        simulator = LambdaSimulator.builder().initTimeout(Duration.ofMillis(500)).build().start();
        http = new ApiCalls(simulator);
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void invocationWaitsForEveryExtensionsFirstPoll() throws Exception {
        String extension = http.register("late-starter", "[]");
        CompletableFuture<Response> runtimePoll = http.nextAsync();
        simulator.invokeAsync(Invocation.of("{}"));

        assertThrows(TimeoutException.class, () -> runtimePoll.get(200, TimeUnit.MILLISECONDS),
                "the invocation started before the extension finished its init");
        http.eventNextAsync(extension);

        assertEquals(200, runtimePoll.join().statusCode());
    }

    @Test
    void functionAwaitsAnInvocationOnceInitIsCompleteAndItsRuntimePolls() throws InterruptedException {
        String extension = http.register("late-starter", "[]");
        assertFalse(simulator.awaitingInvocation(), "nothing polls yet");

        CompletableFuture<Response> runtimePoll = http.nextAsync();
        http.eventNextAsync(extension);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!simulator.awaitingInvocation() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(simulator.awaitingInvocation(), "init complete and the runtime polling, yet not awaiting an invocation");

        simulator.invokeAsync(Invocation.of("{}"));
        assertEquals(200, runtimePoll.join().statusCode());
        assertFalse(simulator.awaitingInvocation(), "the runtime works on the invocation");
    }

    @Test
    void invocationFailsWhenInitDoesNotFinishInTime() {
        InvocationResult result = simulator.invoke(Invocation.of("{}"));

        assertEquals(Outcome.INIT_FAILED, result.outcome());
        assertEquals("{\"errorMessage\":\"Init did not complete within 0.50 seconds\",\"errorType\":\"Sandbox.Timedout\"}",
                result.bodyAsString());
    }

    @Test
    void runtimeInitErrorIsWhatTheNextInvocationGets() {
        String error = "{\"errorMessage\":\"no handler\",\"errorType\":\"Runtime.BadFunctionCode\"}";

        Response accepted = http.post(LambdaApi.INIT_ERROR, error,
                LambdaApi.FUNCTION_ERROR_TYPE, "Runtime.BadFunctionCode", "Content-Type", "application/json");
        InvocationResult result = simulator.invoke(Invocation.of("{}"));

        assertEquals(202, accepted.statusCode());
        assertEquals("{\"status\":\"OK\"}", accepted.asString());
        assertEquals(Outcome.INIT_FAILED, result.outcome());
        assertTrue(result.functionError());
        assertEquals(error, result.bodyAsString());
        assertEquals(List.of("Runtime.BadFunctionCode"),
                result.runtimeRequest().orElseThrow().headerValues(LambdaApi.FUNCTION_ERROR_TYPE));
    }

    @Test
    void runtimeInitErrorAfterTheFirstPollIsRefused() {
        simulator.invokeAsync(Invocation.of("{}"));
        http.next();

        Response response = http.post(LambdaApi.INIT_ERROR, "{}");

        assertEquals(403, response.statusCode());
        assertTrue(response.asString().contains("\"errorType\":\"InvalidStateTransition\""), response.asString());
    }

    @Test
    void extensionInitErrorIsRecordedAndFailsInvocations() {
        String extension = http.register("broken", "[\"SHUTDOWN\"]");

        Response accepted = http.post(LambdaApi.EXTENSION_INIT_ERROR, "{\"errorMessage\":\"no config\"}",
                LambdaApi.EXTENSION_IDENTIFIER, extension, LambdaApi.EXTENSION_ERROR_TYPE, "Extension.ConfigInvalid");
        InvocationResult result = simulator.invoke(Invocation.of("{}"));

        assertEquals(202, accepted.statusCode());
        assertEquals("{\"status\":\"OK\"}", accepted.asString());
        ExtensionError error = simulator.extensionErrors().get(0);
        assertEquals("broken", error.extensionName());
        assertEquals(ExtensionError.Phase.INIT, error.phase());
        assertEquals("Extension.ConfigInvalid", error.errorType());
        assertEquals("{\"errorMessage\":\"no config\"}", error.request().bodyAsString());
        assertEquals(Outcome.INIT_FAILED, result.outcome());
        assertTrue(result.bodyAsString().contains("\"errorType\":\"Extension.InitError\""), result.bodyAsString());
    }

    @Test
    void extensionInitErrorAfterItsFirstPollIsRefused() {
        String extension = http.register("polled", "[\"SHUTDOWN\"]");
        http.eventNextAsync(extension);
        // the invocation can only reach the runtime once the extension's first poll has ended init
        simulator.invokeAsync(Invocation.of("{}"));
        http.next();

        Response response = http.post(LambdaApi.EXTENSION_INIT_ERROR, "{}",
                LambdaApi.EXTENSION_IDENTIFIER, extension, LambdaApi.EXTENSION_ERROR_TYPE, "Extension.Late");

        ExtensionsApiTest.assertRefused(response, "Extension.InvalidExtensionState");
    }

    @Test
    void extensionErrorsNeedTheErrorTypeHeader() {
        String extension = http.register("vague", "[]");

        Response response = http.post(LambdaApi.EXTENSION_EXIT_ERROR, "{}",
                LambdaApi.EXTENSION_IDENTIFIER, extension);

        ExtensionsApiTest.assertRefused(response, "Extension.MissingHeader");
    }

    @Test
    void extensionExitErrorIsRecorded() {
        String extension = http.register("leaving", "[]");

        Response accepted = http.post(LambdaApi.EXTENSION_EXIT_ERROR, "bye",
                LambdaApi.EXTENSION_IDENTIFIER, extension, LambdaApi.EXTENSION_ERROR_TYPE, "Extension.Crashed");

        assertEquals(202, accepted.statusCode());
        ExtensionError error = simulator.extensionErrors().get(0);
        assertEquals(ExtensionError.Phase.EXIT, error.phase());
        assertEquals("Extension.Crashed", error.errorType());
        assertEquals("bye", error.request().bodyAsString());
    }
}
