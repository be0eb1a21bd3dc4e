package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.simulator.SimulatorApi;
import dev.lrap.e2e.functions.JsonOfSize;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.ProcessExit;

/**
 * Lambda, not lrap, decides what is too large: responses reach Lambda at their full size, right up to and past its
 * limit of 6,291,556 bytes, and Lambda's refusal reaches the runtime as Lambda sent it. With nothing to offload, lrap
 * is a plain proxy here.
 */
class ResponseSizeLimitIT {

    /** Lambda's answer to a buffered response over its limit. */
    private static final String TOO_LARGE = "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
            + "\"errorType\":\"RequestEntityTooLarge\"}";

    /** A fresh environment for every test: after Lambda refuses a response, AWS's runtime client exits. */
    @RegisterExtension
    final LambdaEnvironment sizedResponses = LambdaEnvironment.of(JsonOfSize.class).passthrough().build();

    @Test
    void responseOfExactlyTheLimitReachesTheCaller() {
        InvocationResult result = sizedResponses.invoke(Integer.toString(SimulatorApi.MAX_RESPONSE_BYTES));

        assertEquals(Outcome.RESPONSE, result.outcome());
        assertArrayEquals(JsonOfSize.document(SimulatorApi.MAX_RESPONSE_BYTES), result.body());
    }

    @Test
    void responseOneByteOverTheLimitFailsWithResponseSizeTooLarge() {
        InvocationResult result = sizedResponses.invoke(Integer.toString(SimulatorApi.MAX_RESPONSE_BYTES + 1));

        assertEquals(Outcome.RESPONSE_TOO_LARGE, result.outcome());
        assertEquals("Function.ResponseSizeTooLarge", Documents.json(result).get("errorType").textValue());
    }

    @Test
    void runtimeGetsLambdasRefusalUnchanged() {
        sizedResponses.invoke(Integer.toString(SimulatorApi.MAX_RESPONSE_BYTES + 1));

        ProcessExit exit = sizedResponses.runtimeExit();
        String output = sizedResponses.runtime().output();
        // AWS's client logs the status and body it got, reports an error for the invocation (which Lambda refuses,
        // as it has its answer already) and gives up
        assertTrue(output.contains("Failed to post handler success response. Http response code: 413. " + TOO_LARGE), output);
        assertTrue(output.contains("/error Response code: '403'"), output);
        assertEquals(1, exit.exitCode(), exit::toString);
    }
}
