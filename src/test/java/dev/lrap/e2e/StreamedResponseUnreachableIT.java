package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.StreamingRuntime;

/**
 * A runtime streams its response while the Runtime API refuses connections: it gets a prompt 502 with Lambda's error
 * document, {@code Lrap.RuntimeApiUnavailable}, never a hang or an invented success. lrap stays up: once the Runtime
 * API takes connections again, the runtime's second try of that response reaches Lambda, and the next invocation
 * streams through as usual. lrap reaches the simulator's Runtime API through a {@link TableLink}; its own Extensions
 * API poll, on a connection opened before, goes on meanwhile, as it would when only new connections fail.
 */
class StreamedResponseUnreachableIT {

    private static final byte[] CHUNK = "{\"partial\":".getBytes(StandardCharsets.UTF_8);
    private static final int RUNTIME_API_PORT = DynamoDbLocal.freePort();
    private static final TableLink runtimeApiLink = TableLink.to(URI.create("http://127.0.0.1:" + RUNTIME_API_PORT));

    @RegisterExtension
    static final LambdaEnvironment lambda = LambdaEnvironment.of(FunctionRuntime.playedByTest("StreamingRuntime"))
            .runtimeApiPort(RUNTIME_API_PORT)
            .with("LRAP_RUNTIME_API_ENDPOINT", runtimeApiLink.endpoint().getAuthority())
            .build();

    @AfterAll
    static void closeLink() {
        runtimeApiLink.close();
    }

    @Test
    void aStreamTheRuntimeApiCannotTakeGetsA502AndLrapServesWhatComesNext() throws Exception {
        CompletableFuture<InvocationResult> first = lambda.invokeAsync(Invocation.of("{}"));
        String requestId = StreamedResponseIT.next(lambda);

        runtimeApiLink.refuse();
        try {
            assertUnavailable(stream(requestId));
        } finally {
            runtimeApiLink.restore();
        }

        assertEquals(202, stream(requestId).status(), "the runtime's second try");
        InvocationResult answered = first.join();
        assertEquals(Outcome.RESPONSE, answered.outcome());
        assertArrayEquals(CHUNK, answered.body());

        CompletableFuture<InvocationResult> second = lambda.invokeAsync(Invocation.of("{}"));
        assertEquals(202, stream(StreamedResponseIT.next(lambda)).status());
        assertEquals(Outcome.RESPONSE, second.join().outcome());
        assertTrue(lambda.lrap().isAlive());
    }

    /** Streams one chunk as the response to invocation {@code requestId}, and returns lrap's answer. */
    private static RawHttp.Response stream(String requestId) throws Exception {
        try (StreamingRuntime runtime = StreamingRuntime.respond(StreamedResponseIT.lrapPort(lambda), requestId)) {
            return runtime.send(CHUNK).end(List.of()).answer();
        }
    }

    private static void assertUnavailable(RawHttp.Response answer) {
        assertEquals(502, answer.status(), answer::bodyText);
        assertEquals(List.of("application/json"), answer.values("Content-Type"));
        JsonNode error = Documents.json(answer.bodyText());
        assertEquals("Lrap.RuntimeApiUnavailable", error.path("errorType").asText(), answer::bodyText);
        assertTrue(error.path("errorMessage").asText().startsWith("lrap could not reach the Runtime API"), answer::bodyText);
    }
}
