package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import dev.lrap.testing.StreamingRuntime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * lrap holds no body whole that is larger than Lambda takes in one piece: such a body goes upstream as it comes,
 * byte for byte, for Lambda to refuse as it would without lrap, whether its length is announced or found out partway
 * through. A result of unknown length that stays within the limit is held, as results lrap may rewrite are.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class BodiesTooLargeToHoldTest {

    private static final String TOO_LARGE = "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
            + "\"errorType\":\"RequestEntityTooLarge\"}";
    private static final int CHUNK = 64 * 1024;
    private static final Reply REFUSED = Reply.of(413, "application/json", TOO_LARGE.getBytes(StandardCharsets.UTF_8));
    private static final Reply ACCEPTED = Reply.of(202, "application/json", "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void aResultAnnouncedLargerGoesUpstreamUnreadAndLambdasRefusalComesBack() throws Exception {
        byte[] result = json(WholeBody.LARGEST + 1);
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/req-1/response HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/json", "Content-Length: " + result.length), result);

            ScriptedRuntimeApi.Received received = upstream.takeRequest();
            assertEquals(List.of(Integer.toString(result.length)), received.values("Content-Length"));
            assertArrayEquals(result, received.body());
            received.reply(REFUSED);

            RawHttp.Response answer = runtime.read();
            assertEquals(413, answer.status());
            assertEquals(TOO_LARGE, answer.bodyText());
        }
    }

    @Test
    void aChunkedResultThatGrowsLargerGoesUpstreamAsAStreamWhatWasHeldFirst() throws Exception {
        byte[] result = json(WholeBody.LARGEST + CHUNK);
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), LambdaApi.INVOCATION + "/req-2/response")) {
            sendInChunks(runtime, result).end(List.of());

            ScriptedRuntimeApi.Received received = takeStream(LambdaApi.INVOCATION + "/req-2/response", result);
            received.reply(REFUSED);
            assertEquals(413, runtime.answer().status());
        }
    }

    @Test
    void aChunkedResultThatGrowsLargerWhileTheRuntimeApiIsDownGetsAPromptBadGateway() throws Exception {
        upstream.pause();
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), LambdaApi.INVOCATION + "/req-6/response")) {
            sendInChunks(runtime, json(WholeBody.LARGEST + CHUNK)).end(List.of());

            RawHttp.Response answer = runtime.answer();
            assertEquals(502, answer.status(), answer::bodyText);
            assertTrue(answer.bodyText().contains(RuntimeApiRelay.UNAVAILABLE), answer::bodyText);
        } finally {
            upstream.resume();
        }
    }

    @Test
    void aChunkedResultWithinTheLimitIsHeldAndGoesUpstreamWhole() throws Exception {
        byte[] result = "{\"answer\":\"held\"}".getBytes(StandardCharsets.UTF_8);
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), LambdaApi.INVOCATION + "/req-3/response")) {
            runtime.send(Arrays.copyOf(result, 5)).send(Arrays.copyOfRange(result, 5, result.length)).end(List.of());

            ScriptedRuntimeApi.Received received = upstream.takeRequest();
            assertEquals(List.of(Integer.toString(result.length)), received.values("Content-Length"));
            assertEquals(List.of(), received.values("Transfer-Encoding"));
            assertArrayEquals(result, received.body());
            received.reply(ACCEPTED);
            assertEquals(202, runtime.answer().status());
        }
    }

    @Test
    void anErrorOfUnknownLengthGoesUpstreamAsAStream() throws Exception {
        byte[] error = "{\"errorMessage\":\"failed\",\"errorType\":\"Runtime.UserException\"}".getBytes(StandardCharsets.UTF_8);
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), LambdaApi.INVOCATION + "/req-4/error")) {
            runtime.send(error).end(List.of());

            ScriptedRuntimeApi.Received received = takeStream(LambdaApi.INVOCATION + "/req-4/error", error);
            received.reply(ACCEPTED);
            assertEquals(202, runtime.answer().status());
        }
    }

    @Test
    void anEventPollAnnouncingAHugeBodyStillGetsItsEventFromTheRelayThatDeliversEvents() throws Exception {
        byte[] event = "{\"event\":1}".getBytes(StandardCharsets.UTF_8);
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(List.of("GET " + LambdaApi.INVOCATION_NEXT + " HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Length: " + (WholeBody.LARGEST + 1)), new byte[0]);

            ScriptedRuntimeApi.Received poll = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION_NEXT, poll.uri());
            assertEquals(0, poll.body().length, "the poll went upstream without the body it announced");
            poll.reply(Reply.of(200, "application/json", event).withHeader(LambdaApi.REQUEST_ID, "req-5"));

            RawHttp.Response answer = runtime.read();
            assertEquals(200, answer.status());
            assertArrayEquals(event, answer.body());
        }
    }

    @Test
    void aChunkedResultCutOffAfterItGrewLargerIsCutOffUpstreamTooNotEndedShort() throws Exception {
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), LambdaApi.INVOCATION + "/req-7/response")) {
            sendInChunks(runtime, json(WholeBody.LARGEST + 4 * CHUNK));
        }

        // a request lrap ended with a last chunk would arrive whole, and shorter: Lambda would take it as the result
        assertNull(upstream.pollRequest(1000), "no complete request reached the Runtime API");
    }

    @Test
    void aChunkedResultCutOffWhileHeldNeverReachesLambdaAndTheRuntimesNextTryDoes() throws Exception {
        String path = LambdaApi.INVOCATION + "/req-8/response";
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), path)) {
            sendInChunks(runtime, json(4 * CHUNK));
        }
        byte[] result = "{\"answer\":\"second try\"}".getBytes(StandardCharsets.UTF_8);
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), path)) {
            runtime.send(result).end(List.of());

            ScriptedRuntimeApi.Received received = upstream.takeRequest();
            assertArrayEquals(result, received.body(), "the first, cut-off result never went upstream");
            received.reply(ACCEPTED);
            assertEquals(202, runtime.answer().status());
        }
    }

    /**
     * The room a held body takes from what lrap holds of all bodies at once comes back once the body is answered, or
     * handed on as a stream: results of 10 MiB, one after the other, are each held, which two at once would not be.
     */
    @Test
    void theRoomAHeldBodyTookComesBackOnceItIsAnsweredOrPassesAsAStream() throws Exception {
        try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(), LambdaApi.INVOCATION + "/req-9/response")) {
            sendInChunks(runtime, json(WholeBody.LARGEST + CHUNK)).end(List.of());
            upstream.takeRequest().reply(REFUSED);
            assertEquals(413, runtime.answer().status());
        }
        byte[] result = new byte[10 * 1024 * 1024];
        Arrays.fill(result, (byte) 'x');
        for (String requestId : List.of("req-10", "req-11")) {
            try (StreamingRuntime runtime = StreamingRuntime.chunked(proxy.getPort(),
                    LambdaApi.INVOCATION + "/" + requestId + "/response")) {
                sendInChunks(runtime, result).end(List.of());

                ScriptedRuntimeApi.Received received = upstream.takeRequest();
                assertEquals(List.of(Integer.toString(result.length)), received.values("Content-Length"), "held whole");
                received.reply(ACCEPTED);
                assertEquals(202, runtime.answer().status());
            }
        }
    }

    /** The upstream's next request, checked to be {@code body} sent to {@code path} as a chunked stream. */
    private ScriptedRuntimeApi.Received takeStream(String path, byte[] body) throws InterruptedException {
        ScriptedRuntimeApi.Received received = upstream.takeRequest();
        assertEquals(path, received.uri());
        assertEquals(List.of("chunked"), received.values("Transfer-Encoding"));
        assertArrayEquals(body, received.body());
        return received;
    }

    private static StreamingRuntime sendInChunks(StreamingRuntime runtime, byte[] body) throws IOException {
        for (int from = 0; from < body.length; from += CHUNK) {
            runtime.send(Arrays.copyOfRange(body, from, Math.min(body.length, from + CHUNK)));
        }
        return runtime;
    }

    /** A JSON string of {@code size} bytes, with a long field lrap would offload were it to read it. */
    static byte[] json(int size) {
        byte[] json = new byte[size];
        Arrays.fill(json, (byte) 'x');
        json[0] = '"';
        json[size - 1] = '"';
        return json;
    }
}
