package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.ACCEPTED;
import static dev.lrap.testing.InvocationSteps.event;
import static dev.lrap.testing.InvocationSteps.poll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import dev.lrap.testing.StreamingRuntime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * A streamed response whose Runtime API goes away before it answers, or partway through the stream: the runtime gets
 * a prompt 502 with Lambda's error document, {@code Lrap.RuntimeApiUnavailable}, never a hang or an invented success,
 * and the relay serves the next invocation, streamed response included, once the Runtime API is back.
 * {@code StreamedResponseUnreachableIT} has a Runtime API that refuses connections, with lrap in its own process.
 * <p>
 * Pausing the scripted Runtime API closes every connection to it, lrap's Extensions API poll too; when polling again
 * fails for long enough, lrap takes that as the end of its environment and asks Quarkus to exit, which a test
 * application does not. What this test shows is the relay's part: no stream leaves it stuck.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class StreamedResponseUpstreamDownTest {

    private static final byte[] CHUNK = "{\"partial\":".getBytes(StandardCharsets.UTF_8);
    /**
     * More than the socket buffers between the runtime, lrap and the Runtime API hold: once the runtime has written it
     * all, lrap has passed part of it on, so its connection to the Runtime API was open.
     */
    private static final int LARGER_THAN_BUFFERS = 32 * 1024 * 1024;

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void aRuntimeApiThatHangsUpBeforeAnsweringGivesLambdasErrorDocument() throws Exception {
        try (StreamingRuntime runtime = StreamingRuntime.respond(proxy.getPort(), "req-unanswered").send(CHUNK)) {
            runtime.end(List.of());
            ScriptedRuntimeApi.Received response = upstream.takeRequest();
            assertArrayEquals(CHUNK, response.body());
            response.hangUp();

            assertUnavailable(runtime.answer());
        }
        assertTheNextInvocationIsServed();
    }

    @Test
    void aRuntimeApiThatGoesAwayPartwayThroughTheStreamGivesTheSameError() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (StreamingRuntime runtime = StreamingRuntime.respond(proxy.getPort(), "req-cut-off")) {
            for (int sent = 0; sent < LARGER_THAN_BUFFERS; sent += chunk.length) {
                runtime.send(chunk);
            }
            // closes every connection, the one the stream goes through among them, before its last chunk
            upstream.pause();

            assertUnavailable(runtime.answer());
        } finally {
            upstream.resume();
        }
        assertTheNextInvocationIsServed();
    }

    private static void assertUnavailable(RawHttp.Response answer) {
        assertEquals(502, answer.status(), answer::bodyText);
        assertEquals(List.of("application/json"), answer.values("Content-Type"));
        JsonObject error = new JsonObject(answer.bodyText());
        assertEquals(RuntimeApiRelay.UNAVAILABLE, error.getString("errorType"), answer::bodyText);
        assertTrue(error.getString("errorMessage").startsWith("lrap could not reach the Runtime API"), answer::bodyText);
    }

    /** The runtime polls for the next invocation, gets it, and streams its response through to the Runtime API. */
    private void assertTheNextInvocationIsServed() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            ScriptedRuntimeApi.Received next = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION_NEXT, next.uri());
            next.reply(event("req-next", "{}"));
            assertEquals(List.of("req-next"), runtime.read().values(LambdaApi.REQUEST_ID));
        }
        try (StreamingRuntime runtime = StreamingRuntime.respond(proxy.getPort(), "req-next").send(CHUNK)) {
            runtime.end(List.of());
            ScriptedRuntimeApi.Received response = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/req-next/response", response.uri());
            assertArrayEquals(CHUNK, response.body());
            response.reply(ACCEPTED);
            assertEquals(202, runtime.answer().status());
        }
    }
}
