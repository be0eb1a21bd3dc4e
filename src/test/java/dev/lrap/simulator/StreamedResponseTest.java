package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.testing.StreamingRuntime;

/**
 * Like Lambda, the simulator takes a streamed {@code /response} with its trailers, fails the invocation a failure
 * partway through reports, and passes the stream to a caller of its streaming invoke as it comes.
 */
class StreamedResponseTest extends DefaultSimulator {

    private static final byte[] FIRST = "first\r\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECOND = "second".getBytes(StandardCharsets.UTF_8);

    // the JDK's client, not RestAssured: the caller reads the body chunk by chunk as it arrives, and RestAssured reads it whole
    private final HttpClient caller = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theStreamingCallerGetsEachChunkAsItComes() throws IOException {
        CompletableFuture<HttpResponse<InputStream>> call = streamingInvoke();
        String requestId = ApiCalls.requestId(runtime.next());

        try (StreamingRuntime streaming = StreamingRuntime.respond(runtimePort(), requestId).send(FIRST)) {
            HttpResponse<InputStream> response = call.join();
            assertEquals(200, response.statusCode());
            assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(FIRST, response.body().readNBytes(FIRST.length));

            assertEquals(202, streaming.send(SECOND).end(List.of()).answer().status());
            assertArrayEquals(SECOND, response.body().readAllBytes());
        }
    }

    @Test
    void errorTrailersFailTheInvocationWithTheErrorTheyCarry() throws IOException {
        CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
        String requestId = ApiCalls.requestId(runtime.next());
        String error = "{\"errorType\":\"Error\",\"errorMessage\":\"boom\"}";
        List<Map.Entry<String, String>> trailers = List.of(Map.entry(LambdaApi.FUNCTION_ERROR_TYPE, "Error"),
                Map.entry(LambdaApi.FUNCTION_ERROR_BODY, Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8))));

        try (StreamingRuntime streaming = StreamingRuntime.respond(runtimePort(), requestId).send(FIRST)) {
            assertEquals(202, streaming.end(trailers).answer().status());
        }

        InvocationResult failed = result.join();
        assertEquals(Outcome.FUNCTION_ERROR, failed.outcome());
        assertEquals(error, failed.bodyAsString());
        assertEquals(trailers, failed.runtimeRequest().orElseThrow().trailers());
        assertArrayEquals(FIRST, failed.runtimeRequest().orElseThrow().body());
    }

    @Test
    void aStreamCutOffFailsTheInvocationAndBreaksTheCallersStream() throws IOException {
        CompletableFuture<HttpResponse<InputStream>> call = streamingInvoke();
        String requestId = ApiCalls.requestId(runtime.next());
        CompletableFuture<InvocationResult> result = simulator.resultOf(requestId);

        InputStream received;
        try (StreamingRuntime streaming = StreamingRuntime.respond(runtimePort(), requestId).send(FIRST)) {
            received = call.join().body();
            assertArrayEquals(FIRST, received.readNBytes(FIRST.length));
        }

        assertEquals(Outcome.RESPONSE_TRUNCATED, result.join().outcome());
        assertThrows(IOException.class, received::readAllBytes);
    }

    @Test
    void aResponseThatIsNotStreamedReachesTheStreamingCallerWhole() {
        CompletableFuture<HttpResponse<InputStream>> call = streamingInvoke();
        String requestId = ApiCalls.requestId(runtime.next());

        runtime.reportError(requestId, "{\"errorMessage\":\"no stream\",\"errorType\":\"Oops\"}");

        HttpResponse<InputStream> response = call.join();
        assertEquals("Unhandled", response.headers().firstValue(SimulatorApi.INVOKE_FUNCTION_ERROR).orElseThrow());
        assertTrue(new String(readAll(response.body()), StandardCharsets.UTF_8).contains("no stream"));
    }

    /**
     * A streaming caller that reads nothing holds the runtime's stream back; once it hangs up, nothing holds it back any
     * more, and the runtime streams on to its end, as Lambda lets a function finish whose caller went away. It was held
     * back for ever.
     */
    @Test
    void aCallerThatHangsUpWhileItHoldsTheStreamBackLetsTheRuntimeGoOn() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (Socket caller = new Socket("127.0.0.1", simulator.streamingInvokeUri().getPort())) {
            caller.getOutputStream().write(("POST " + simulator.streamingInvokeUri().getPath() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            String requestId = ApiCalls.requestId(runtime.next());
            StreamingRuntime streaming = StreamingRuntime.respond(runtimePort(), requestId);
            CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> streamToItsEnd(streaming, sent));
            awaitHeldBack(sent);
            caller.close();

            assertEquals(202, answer.get(30, TimeUnit.SECONDS));
        }
    }

    /** 64 MiB, far more than the sockets between the runtime and the caller hold; the answer's status. */
    private static int streamToItsEnd(StreamingRuntime streaming, AtomicLong sent) {
        byte[] chunk = new byte[64 * 1024];
        try (streaming) {
            for (int i = 0; i < 1024; i++) {
                streaming.send(chunk);
                sent.addAndGet(chunk.length);
            }
            return streaming.end(List.of()).answer().status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the runtime's writes make no headway: the caller's socket is full, and the simulator holds it back. */
    private static void awaitHeldBack(AtomicLong sent) throws InterruptedException {
        for (long before = -1; before != sent.get(); Thread.sleep(500)) {
            before = sent.get();
        }
    }

    private CompletableFuture<HttpResponse<InputStream>> streamingInvoke() {
        return caller.sendAsync(HttpRequest.newBuilder(simulator.streamingInvokeUri())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), BodyHandlers.ofInputStream());
    }

    private int runtimePort() {
        return Integer.parseInt(simulator.runtimeApi().substring(simulator.runtimeApi().indexOf(':') + 1));
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
