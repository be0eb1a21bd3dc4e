package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.RecordedRequest;

/**
 * AWS's Node runtime client streams a function's response ({@code awslambda.streamifyResponse}) through lrap as it
 * would straight to Lambda: the same bytes, the same framing and {@code Trailer} announcements, and for a function that
 * fails partway through, the same error trailers, which make the invocation fail.
 */
class StreamedResponseNodeIT {

    @RegisterExtension
    static final LambdaEnvironment streaming = LambdaEnvironment.of(NodeRuntimeClient.function("streaming")).build();

    /** The same function without lrap: what AWS's client itself sends Lambda, to compare with. */
    @RegisterExtension
    static final LambdaEnvironment streamingAlone = LambdaEnvironment.of(NodeRuntimeClient.function("streaming"))
            .withoutLrap().build();

    @Test
    void aStreamedResponsePassesByteForByte() {
        List<byte[]> chunks = List.of(Bytes.random(1, 10), Bytes.random(2, 100_000), Bytes.random(3, 1));

        InvocationResult result = streaming.invoke(event(chunks, null));

        assertEquals(Outcome.RESPONSE, result.outcome());
        assertArrayEquals(Bytes.concat(chunks), result.body());
        RecordedRequest received = result.runtimeRequest().orElseThrow();
        RecordedRequest alone = streamingAlone.invoke(event(chunks, null)).runtimeRequest().orElseThrow();
        assertEquals(List.of(LambdaApi.RESPONSE_MODE_STREAMING), received.headerValues(LambdaApi.RESPONSE_MODE));
        for (String framing : List.of("Transfer-Encoding", "Content-Length", "Trailer", "Content-Type")) {
            assertEquals(alone.headerValues(framing), received.headerValues(framing), framing);
        }
        assertEquals(alone.trailers(), received.trailers());
    }

    @Test
    void aFunctionThatFailsPartwayThroughFailsTheInvocationWithTheClientsTrailers() {
        List<byte[]> chunks = List.of(Bytes.random(4, 2000), Bytes.random(5, 3000));

        InvocationResult result = streaming.invoke(event(chunks, "failed after two chunks"));

        assertEquals(Outcome.FUNCTION_ERROR, result.outcome());
        JsonNode error = Documents.json(result);
        assertEquals("failed after two chunks", error.get("errorMessage").textValue());
        RecordedRequest received = result.runtimeRequest().orElseThrow();
        assertArrayEquals(Bytes.concat(chunks), received.body(), "what the function wrote before it failed");
        RecordedRequest alone = streamingAlone.invoke(event(chunks, "failed after two chunks")).runtimeRequest().orElseThrow();
        assertFalse(alone.trailerValues(LambdaApi.FUNCTION_ERROR_TYPE).isEmpty(), alone.trailers()::toString);
        assertEquals(alone.trailers(), received.trailers());
        assertEquals(alone.headerValues("Trailer"), received.headerValues("Trailer"));
    }

    private static String event(List<byte[]> chunks, String failWith) {
        StringBuilder event = new StringBuilder("{\"chunks\":[");
        for (int i = 0; i < chunks.size(); i++) {
            event.append(i == 0 ? "\"" : ",\"").append(Base64.getEncoder().encodeToString(chunks.get(i))).append('"');
        }
        event.append(']');
        if (failWith != null) {
            event.append(",\"failWith\":\"").append(failWith).append('"');
        }
        return event.append('}').toString();
    }

}
