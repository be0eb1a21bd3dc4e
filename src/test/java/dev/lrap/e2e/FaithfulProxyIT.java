package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.LambdaApi;
import dev.lrap.e2e.functions.Echo;
import dev.lrap.e2e.functions.Fail;
import dev.lrap.e2e.functions.NonJson;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.RecordedRequest;

/** Whatever the function gets, returns or reports passes lrap as if lrap were not there. */
class FaithfulProxyIT {

    @RegisterExtension
    static final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class).build();

    @RegisterExtension
    static final LambdaEnvironment failing = LambdaEnvironment.of(Fail.class).build();

    /** The same failing function without lrap: what AWS's runtime client itself sends Lambda, to compare with. */
    @RegisterExtension
    static final LambdaEnvironment failingAlone = LambdaEnvironment.of(Fail.class).withoutLrap().build();

    @RegisterExtension
    static final LambdaEnvironment nonJson = LambdaEnvironment.of(NonJson.class).build();

    @Test
    void eventAndResultPassByteForByte() {
        // spacing, key order, escapes and number spellings that a JSON round trip would change
        byte[] event = "{ \"b\" : 1.10,\n\"a\":[\"\\u00e9\\/\", \"✓\"], \"n\": 1e2 }".getBytes(StandardCharsets.UTF_8);

        InvocationResult result = echo.invoke(Invocation.of(event));

        assertEquals(Outcome.RESPONSE, result.outcome());
        assertArrayEquals(event, result.body());
    }

    @Test
    void nonJsonEventReachesTheHandlerByteForByte() {
        byte[] event = { 'n', 'o', 't', ' ', '{', 0, (byte) 0xfe };

        InvocationResult result = echo.invoke(Invocation.of(event).withContentType("application/octet-stream"));

        assertEquals(Outcome.RESPONSE, result.outcome());
        assertArrayEquals(event, result.body());
    }

    @Test
    void functionErrorReachesTheCaller() {
        InvocationResult result = failing.invoke("{}");

        assertEquals(Outcome.FUNCTION_ERROR, result.outcome());
        JsonNode error = Documents.json(result);
        assertEquals(Fail.MESSAGE, error.get("errorMessage").textValue());
        assertEquals("java.lang.IllegalStateException", error.get("errorType").textValue());
        assertArrayEquals(failingAlone.invoke("{}").body(), result.body(), "the error as the runtime reports it alone");
    }

    @Test
    void errorTypeHeaderReachesLambdaUnchanged() {
        RecordedRequest alone = failingAlone.invoke("{}").runtimeRequest().orElseThrow();
        RecordedRequest throughLrap = failing.invoke("{}").runtimeRequest().orElseThrow();

        assertEquals(List.of("Runtime.UserException"), alone.headerValues(LambdaApi.FUNCTION_ERROR_TYPE));
        assertEquals(alone.headerValues(LambdaApi.FUNCTION_ERROR_TYPE), throughLrap.headerValues(LambdaApi.FUNCTION_ERROR_TYPE));
    }

    @Test
    void xRayErrorCauseHeaderReachesLambdaUnchanged() {
        RecordedRequest alone = failingAlone.invoke("{}").runtimeRequest().orElseThrow();
        RecordedRequest throughLrap = failing.invoke("{}").runtimeRequest().orElseThrow();

        List<String> cause = alone.headerValues(LambdaApi.XRAY_ERROR_CAUSE);
        assertTrue(cause.size() == 1 && cause.get(0).contains(Fail.MESSAGE), cause::toString);
        assertEquals(cause, throughLrap.headerValues(LambdaApi.XRAY_ERROR_CAUSE));
    }

    @Test
    void nonJsonResultPassesByteForByteWithItsContentType() {
        InvocationResult result = nonJson.invoke("{}");

        assertEquals(Outcome.RESPONSE, result.outcome());
        assertArrayEquals(NonJson.result(), result.body());
        // AWS's client labels every result JSON, even raw bytes; lrap passes the label on as it is
        assertEquals("application/json", result.contentType());
    }
}
