package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lrap.simulator.InvocationResult.Outcome;
import io.restassured.response.Response;

/** The function timeout, and what the runtime gets when it answers after it. */
class TimeoutTest {

    private LambdaSimulator simulator;
    private ApiCalls http;

    @BeforeEach
    void start() {
        simulator = LambdaSimulator.builder().functionTimeout(Duration.ofMillis(300)).build().start();
        http = new ApiCalls(simulator);
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void callerGetsATimeoutAndALateResponseGets410() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(http.next());

        InvocationResult timedOut = result.join();
        Response late = http.respond(requestId, "too late");

        assertEquals(Outcome.TIMED_OUT, timedOut.outcome());
        assertTrue(timedOut.functionError());
        assertTrue(timedOut.bodyAsString().matches("\\{\"errorMessage\":\"\\S+Z " + requestId
                + " Task timed out after 0.30 seconds\",\"errorType\":\"Sandbox.Timedout\"}"), timedOut.bodyAsString());
        assertEquals(410, late.statusCode());
        assertTrue(late.asString().contains("\"errorType\":\"InvocationTimedOut\""), late.asString());
        assertEquals("application/json", late.header("Content-Type"));
    }

    @Test
    void anExtensionThatDoesNotComeBackTimesTheInvocationOut() {
        String extension = http.register("slow", "[\"INVOKE\"]");
        http.eventNextAsync(extension);
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(http.next());

        http.respond(requestId, "in time");

        assertEquals(Outcome.TIMED_OUT, result.join().outcome());
        assertEquals(403, http.respond(requestId, "again").statusCode(), "the runtime did answer in time");
    }
}
