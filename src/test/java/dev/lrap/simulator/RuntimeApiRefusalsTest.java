package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;
import io.restassured.response.Response;

/** The Runtime API's refusals, with Lambda's status codes and bodies, which a proxy must pass on unchanged. */
class RuntimeApiRefusalsTest extends DefaultSimulator {


    @Test
    void unknownRequestIdIs400() {
        Response response = runtime.respond("no-such-id", "{}");

        assertEquals(400, response.statusCode());
        assertEquals("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}", response.asString());
        assertEquals("application/json", response.header("Content-Type"));
    }

    @Test
    void secondAnswerIs403() {
        simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());
        runtime.respond(requestId, "first");

        Response again = runtime.respond(requestId, "second");
        Response error = runtime.reportError(requestId, "{}");

        assertEquals(403, again.statusCode());
        assertEquals("{\"errorMessage\":\"State transition from RuntimeResponseSentState to InvocationResponse failed"
                + " for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}",
                again.asString());
        assertEquals(403, error.statusCode());
        assertEquals("{\"errorMessage\":\"State transition from RuntimeResponseSentState to InvocationErrorResponse"
                + " failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}",
                error.asString());
    }

    /** Lambda knows the response modes {@code buffered} and {@code streaming}: it refuses any other and fails the invocation. */
    @Test
    void responseInAnUnknownModeIs400AndFailsTheInvocation() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        Response response = runtime.respond(requestId, "{}", LambdaApi.RESPONSE_MODE, "invalid-mode");

        assertEquals(400, response.statusCode());
        assertEquals("{\"errorMessage\":\"Invalid function response mode\",\"errorType\":\"InvalidFunctionResponseMode\"}",
                response.asString());
        assertEquals(Outcome.INVALID_RESPONSE_MODE, result.join().outcome());
        assertEquals("{\"errorMessage\":\"Invalid function response mode\",\"errorType\":\"Runtime.InvalidResponseModeHeader\"}",
                result.join().bodyAsString());
    }

    /**
     * Lambda reads the response mode whatever its case, as lrap does: a {@code Streaming} response is streamed, and
     * so not held to the limit of a buffered one.
     */
    @Test
    void responseModeIsReadInAnyCase() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        Response response = runtime.respond(requestId, filled(SimulatorApi.MAX_RESPONSE_BYTES + 1), LambdaApi.RESPONSE_MODE,
                "Streaming");

        assertEquals(202, response.statusCode(), response::asString);
        assertEquals(Outcome.RESPONSE, result.join().outcome());
        assertEquals(SimulatorApi.MAX_RESPONSE_BYTES + 1, result.join().body().length);
    }

    @Test
    void responseOfExactlyTheLimitIsAccepted() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        Response response = runtime.respond(requestId, filled(SimulatorApi.MAX_RESPONSE_BYTES));

        assertEquals(202, response.statusCode());
        assertEquals(SimulatorApi.MAX_RESPONSE_BYTES, result.join().body().length);
    }

    @Test
    void responseOneByteOverTheLimitIs413AndFailsTheInvocation() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        Response response = runtime.respond(requestId, filled(SimulatorApi.MAX_RESPONSE_BYTES + 1));
        Response laterError = runtime.reportError(requestId, "{}");

        assertEquals(413, response.statusCode());
        assertEquals("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                + "\"errorType\":\"RequestEntityTooLarge\"}", response.asString());
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
