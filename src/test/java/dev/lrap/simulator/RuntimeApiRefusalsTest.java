package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.lrap.simulator.InvocationResult.Outcome;

/** The Runtime API's refusals, with Lambda's status codes and bodies, which a proxy must pass on unchanged. */
class RuntimeApiRefusalsTest extends DefaultSimulator {


    @Test
    void unknownRequestIdIs400() {
        HttpResponse<String> response = runtime.respond("no-such-id", "{}");

        assertEquals(400, response.statusCode());
        assertEquals("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void secondAnswerIs403() {
        simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());
        runtime.respond(requestId, "first");

        HttpResponse<String> again = runtime.respond(requestId, "second");
        HttpResponse<String> error = runtime.reportError(requestId, "{}");

        assertEquals(403, again.statusCode());
        assertEquals("{\"errorMessage\":\"State transition from RuntimeResponseSentState to InvocationResponse failed"
                + " for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}",
                again.body());
        assertEquals(403, error.statusCode());
        assertEquals("{\"errorMessage\":\"State transition from RuntimeResponseSentState to InvocationErrorResponse"
                + " failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}",
                error.body());
    }

    @Test
    void responseOfExactlyTheLimitIsAccepted() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        HttpResponse<String> response = runtime.respond(requestId, filled(SimulatorApi.MAX_RESPONSE_BYTES));

        assertEquals(202, response.statusCode());
        assertEquals(SimulatorApi.MAX_RESPONSE_BYTES, result.join().body().length);
    }

    @Test
    void responseOneByteOverTheLimitIs413AndFailsTheInvocation() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        HttpResponse<String> response = runtime.respond(requestId, filled(SimulatorApi.MAX_RESPONSE_BYTES + 1));
        HttpResponse<String> laterError = runtime.reportError(requestId, "{}");

        assertEquals(413, response.statusCode());
        assertEquals("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                + "\"errorType\":\"RequestEntityTooLarge\"}", response.body());
        assertEquals(Outcome.RESPONSE_TOO_LARGE, result.join().outcome());
        assertEquals("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (6291556 bytes).\","
                + "\"errorType\":\"Function.ResponseSizeTooLarge\"}", result.join().bodyAsString());
        assertEquals(403, laterError.statusCode());
    }

    private static byte[] filled(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        return body;
    }
}
