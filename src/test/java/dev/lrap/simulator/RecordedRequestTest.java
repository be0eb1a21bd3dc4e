package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;

/** The runtime's answers are recorded exactly as they arrived, for tests of what a proxy forwards. */
class RecordedRequestTest extends DefaultSimulator {


    @Test
    void errorHeadersArriveUnchangedEvenAtTwoMebibytes() {
        String xrayCause = "{\"working_directory\":\"/var/task\",\"paths\":[],\"message\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}";
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        runtime.reportError(requestId, "{\"errorMessage\":\"boom\"}",
                LambdaApi.FUNCTION_ERROR_TYPE, "Runtime.UserException",
                LambdaApi.XRAY_ERROR_CAUSE, xrayCause,
                "Content-Type", "application/vnd.aws.lambda.error+json");

        RecordedRequest recorded = result.join().runtimeRequest().orElseThrow();
        assertEquals(List.of("Runtime.UserException"), recorded.headerValues(LambdaApi.FUNCTION_ERROR_TYPE));
        assertEquals(List.of(xrayCause), recorded.headerValues(LambdaApi.XRAY_ERROR_CAUSE));
        assertEquals("{\"errorMessage\":\"boom\"}", recorded.bodyAsString());
        assertEquals("application/vnd.aws.lambda.error+json", result.join().contentType());
    }

    @Test
    void headerNamesKeepTheirSpellingAndRepeatedHeadersStayApart() {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());

        runtime.respond(requestId, "{}", "X-MiXeD-Case", "kept", "X-Repeated", "a", "X-Repeated", "b");

        RecordedRequest recorded = result.join().runtimeRequest().orElseThrow();
        assertTrue(recorded.headers().contains(Map.entry("X-MiXeD-Case", "kept")), recorded.headers().toString());
        assertEquals(List.of("a", "b"), recorded.headerValues("x-repeated"));
    }
}
