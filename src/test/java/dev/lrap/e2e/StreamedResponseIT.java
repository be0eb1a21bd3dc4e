package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.RecordedRequest;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.StreamingRuntime;

/**
 * A response the runtime streams reaches Lambda as a stream: chunk by chunk as they come, byte for byte, with its
 * {@code Trailer} announcements and its trailers, and cut off when the runtime hangs up. The test plays the runtime on
 * a bare socket, to write chunks and trailers exactly and to decide when each goes out.
 */
class StreamedResponseIT {

    private static final String ERROR_TYPE = "Runtime.StreamError";
    private static final String ERROR_DOCUMENT = "{\"errorType\":\"Error\",\"errorMessage\":\"failed after two chunks\"}";

    @RegisterExtension
    static final LambdaEnvironment lambda = LambdaEnvironment.of(FunctionRuntime.playedByTest("StreamingRuntime")).build();

    /** lrap's JVM with a heap a small fraction of the stream it relays. */
    @RegisterExtension
    static final LambdaEnvironment smallHeap = LambdaEnvironment.of(FunctionRuntime.playedByTest("SmallHeap"))
            .with("LRAP_JAVA_OPTS", "-Xms16m -Xmx24m").build();

    private final HttpClient caller = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theFirstChunkReachesTheCallerWhileTheRuntimeHoldsTheRestBack() throws Exception {
        CompletableFuture<HttpResponse<InputStream>> call = streamingInvoke(lambda);
        byte[] first = "first chunk\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "the rest".getBytes(StandardCharsets.UTF_8);

        String requestId = next(lambda);
        CompletableFuture<InvocationResult> result = lambda.lambda().resultOf(requestId);
        try (StreamingRuntime runtime = StreamingRuntime.respond(lrapPort(lambda), requestId).send(first)) {
            InputStream received = call.join().body();
            // the runtime sends nothing more until the caller has had the first chunk: no buffering could pass this
            assertArrayEquals(first, received.readNBytes(first.length));

            assertEquals(202, runtime.send(rest).end(List.of()).answer().status());
            assertArrayEquals(rest, received.readAllBytes());
        }
        assertEquals(Outcome.RESPONSE, result.join().outcome());
    }

    @Test
    void aFailurePartwayThroughReachesLambdaInTheTrailersUnchanged() throws Exception {
        CompletableFuture<InvocationResult> result = lambda.invokeAsync(Invocation.of("{}"));
        byte[] first = Bytes.random(1, 5000);
        byte[] second = Bytes.random(2, 70_000);
        List<Map.Entry<String, String>> trailers = List.of(Map.entry(LambdaApi.FUNCTION_ERROR_TYPE, ERROR_TYPE),
                Map.entry(LambdaApi.FUNCTION_ERROR_BODY, base64(ERROR_DOCUMENT)));

        try (StreamingRuntime runtime = StreamingRuntime.respond(lrapPort(lambda), next(lambda))) {
            assertEquals(202, runtime.send(first).send(second).end(trailers).answer().status());
        }

        InvocationResult failed = result.join();
        assertEquals(Outcome.FUNCTION_ERROR, failed.outcome());
        assertEquals(ERROR_DOCUMENT, failed.bodyAsString());
        RecordedRequest received = failed.runtimeRequest().orElseThrow();
        assertEquals(trailers, received.trailers(), "trailers as the runtime spelled and ordered them");
        assertEquals(List.of(LambdaApi.FUNCTION_ERROR_TYPE, LambdaApi.FUNCTION_ERROR_BODY), received.headerValues("Trailer"));
        assertEquals(List.of("chunked"), received.headerValues("Transfer-Encoding"));
        assertEquals(List.of(LambdaApi.RESPONSE_MODE_STREAMING), received.headerValues(LambdaApi.RESPONSE_MODE));
        assertArrayEquals(Bytes.concat(List.of(first, second)), received.body());
    }

    @Test
    void aRuntimeThatHangsUpPartwayThroughCutsLambdasRequestOffToo() throws Exception {
        CompletableFuture<HttpResponse<InputStream>> call = streamingInvoke(lambda);
        byte[] first = "a beginning".getBytes(StandardCharsets.UTF_8);

        String requestId = next(lambda);
        CompletableFuture<InvocationResult> result = lambda.lambda().resultOf(requestId);
        InputStream received;
        try (StreamingRuntime runtime = StreamingRuntime.respond(lrapPort(lambda), requestId).send(first)) {
            received = call.join().body();
            assertArrayEquals(first, received.readNBytes(first.length));
        }

        // a request that lrap ended with a last chunk would have been a complete, shorter response
        assertEquals(Outcome.RESPONSE_TRUNCATED, result.join().outcome());
        assertThrows(IOException.class, received::readAllBytes, "the caller's stream breaks off too");
    }

    @Test
    void aStreamTenTimesLrapsHeapPassesWhole() throws Exception {
        CompletableFuture<HttpResponse<InputStream>> call = streamingInvoke(smallHeap);
        MessageDigest sent = sha256();
        int chunks = 4096;
        Random random = new Random(7);
        byte[] chunk = new byte[64 * 1024];

        try (StreamingRuntime runtime = StreamingRuntime.respond(lrapPort(smallHeap), next(smallHeap))) {
            random.nextBytes(chunk);
            sent.update(chunk);
            runtime.send(chunk);
            InputStream received = call.join().body();
            CompletableFuture<String> receivedDigest = CompletableFuture.supplyAsync(() -> digestOf(received));
            for (int i = 1; i < chunks; i++) {
                random.nextBytes(chunk);
                sent.update(chunk);
                runtime.send(chunk);
            }
            assertEquals(202, runtime.end(List.of()).answer().status());
            assertEquals(HexFormat.of().formatHex(sent.digest()), receivedDigest.join(), "256 MiB through a 24 MiB heap");
        }
        assertTrue(smallHeap.lrap().isAlive());
    }

    private CompletableFuture<HttpResponse<InputStream>> streamingInvoke(LambdaEnvironment environment) {
        HttpRequest invoke = HttpRequest.newBuilder(environment.lambda().streamingInvokeUri())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return caller.sendAsync(invoke, HttpResponse.BodyHandlers.ofInputStream());
    }

    static int lrapPort(LambdaEnvironment environment) {
        return Integer.parseInt(environment.lrapAddress().substring(environment.lrapAddress().indexOf(':') + 1));
    }

    /** Polls lrap for the next event, as a runtime does, and returns its request id. */
    static String next(LambdaEnvironment environment) throws IOException {
        try (RawHttp poll = new RawHttp(lrapPort(environment))) {
            RawHttp.Response event = poll.send(List.of("GET " + LambdaApi.INVOCATION_NEXT + " HTTP/1.1", "Host: 127.0.0.1"),
                    new byte[0]).read();
            assertEquals(200, event.status());
            return event.values(LambdaApi.REQUEST_ID).get(0);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    private static String digestOf(InputStream stream) {
        try (stream) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
