package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;
import io.restassured.response.Response;

/** One invocation travelling from a caller through {@code /next} to the runtime's answer and back. */
class InvocationFlowTest {

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private LambdaSimulator simulator;
    private ApiCalls runtime;

    @BeforeEach
    void start() {
        simulator = LambdaSimulator.builder().functionName("flow").functionTimeout(Duration.ofSeconds(30)).build().start();
        runtime = new ApiCalls(simulator);
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Nested
    class Next {

        @Test
        void deliversTheEventByteForByte() {
            byte[] event = {'{', '"', 'b', '"', ':', '"', (byte) 0xc3, (byte) 0xa9, ' ', '\t', '"', '}', '\n'};
            simulator.invokeAsync(Invocation.of(event).withContentType("application/x-custom"));

            Response next = runtime.next();

            assertEquals(200, next.statusCode());
            assertArrayEquals(event, next.asByteArray());
            assertEquals("application/x-custom", next.header("Content-Type"));
        }

        @Test
        void carriesLambdasHeaders() {
            long before = System.currentTimeMillis();
            simulator.invokeAsync(Invocation.of("{}"));

            Response next = runtime.next();

            String requestId = ApiCalls.requestId(next);
            assertTrue(requestId.matches(UUID_V4), requestId);
            long deadline = Long.parseLong(next.header(LambdaApi.DEADLINE_MS));
            assertTrue(deadline >= before + 30_000 && deadline <= System.currentTimeMillis() + 30_000, "deadline " + deadline);
            assertEquals("arn:aws:lambda:us-east-1:012345678912:function:flow",
                    next.header(LambdaApi.FUNCTION_ARN));
            assertTrue(next.header(LambdaApi.TRACE_ID)
                    .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
            String invocationId = next.header(LambdaApi.INVOCATION_ID);
            assertTrue(invocationId.matches(UUID_V4), invocationId);
            assertNotEquals(requestId, invocationId);
            assertEquals("application/json", next.header("Content-Type"));
        }

        @Test
        void carriesWhatTheCallerGave() {
            simulator.invokeAsync(Invocation.of("{}")
                    .withTraceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
                    .withClientContext("{\"custom\":{\"a\":\"b\"}}")
                    .withTenantId("tenant-7"));

            Response next = runtime.next();

            assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                    next.header(LambdaApi.TRACE_ID));
            assertEquals("{\"custom\":{\"a\":\"b\"}}", next.header(LambdaApi.CLIENT_CONTEXT));
            assertEquals("tenant-7", next.header(LambdaApi.TENANT_ID));
        }

        @Test
        void carriesExtraHeadersIncludingDuplicates() {
            simulator.invokeAsync(Invocation.of("{}")
                    .withHeader("Lambda-Runtime-Future-Thing", "v1")
                    .withHeader("X-Twice", "first")
                    .withHeader("X-Twice", "second"));

            Response next = runtime.next();

            assertEquals(List.of("v1"), next.headers().getValues("Lambda-Runtime-Future-Thing"));
            assertEquals(List.of("first", "second"), next.headers().getValues("X-Twice"));
        }
    }

    @Test
    void responseReachesTheCaller() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{\"n\":1}"));
        String requestId = ApiCalls.requestId(runtime.next());

        Response accepted = runtime.respond(requestId, "SUCCESS", "Content-Type", "text/plain");

        assertEquals(202, accepted.statusCode());
        assertEquals("{\"status\":\"OK\"}", accepted.asString());
        assertEquals("application/json", accepted.header("Content-Type"));
        InvocationResult answer = result.join();
        assertEquals(requestId, answer.requestId());
        assertEquals(Outcome.RESPONSE, answer.outcome());
        assertFalse(answer.functionError());
        assertEquals("SUCCESS", answer.bodyAsString());
        assertEquals("text/plain", answer.contentType());
    }

    @Test
    void errorReachesTheCallerAsAFunctionError() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());
        String error = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[]}";

        Response accepted = runtime.reportError(requestId, error);

        assertEquals(202, accepted.statusCode());
        assertEquals("{\"status\":\"OK\"}", accepted.asString());
        InvocationResult answer = result.join();
        assertEquals(Outcome.FUNCTION_ERROR, answer.outcome());
        assertTrue(answer.functionError());
        assertEquals(error, answer.bodyAsString());
    }

    @Test
    void invocationsFollowEachOtherInOrder() {
        CompletableFuture<InvocationResult> first = simulator.invokeAsync(Invocation.of("1"));
        CompletableFuture<InvocationResult> second = simulator.invokeAsync(Invocation.of("2"));

        Response next = runtime.next();
        assertEquals("1", next.asString());
        CompletableFuture<Response> secondNext = runtime.nextAsync();
        runtime.respond(ApiCalls.requestId(next), "one");
        assertEquals("2", secondNext.join().asString());
        runtime.respond(ApiCalls.requestId(secondNext.join()), "two");

        assertEquals("one", first.join().bodyAsString());
        assertEquals("two", second.join().bodyAsString());
    }
}
