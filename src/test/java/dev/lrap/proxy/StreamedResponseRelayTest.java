package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lrap.LambdaApi;
import dev.lrap.testing.CapturedLogs;
import dev.lrap.testing.InvocationSteps;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import dev.lrap.testing.StreamingRuntime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A streamed response goes upstream with the runtime's head and framing, and Lambda's answer comes back as given. The
 * same relay takes every body that passes as a stream or is held before lrap knows its length.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class StreamedResponseRelayTest {

    private static final byte[] CHUNK = "{\"partial\":".getBytes(StandardCharsets.UTF_8);

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void theStreamGoesUpstreamAsTheRuntimeFramedItAndLambdasAnswerComesBack() throws Exception {
        String refusal = "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}";
        try (StreamingRuntime runtime = StreamingRuntime.respond(proxy.getPort(), "req-1").send(CHUNK).send(CHUNK)) {
            runtime.end(List.of());
            ScriptedRuntimeApi.Received received = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/req-1/response", received.uri());
            assertArrayEquals((new String(CHUNK, StandardCharsets.UTF_8).repeat(2)).getBytes(StandardCharsets.UTF_8),
                    received.body());
            assertEquals(List.of("chunked"), received.values("Transfer-Encoding"));
            assertEquals(List.of(), received.values("Content-Length"));
            assertEquals(List.of(LambdaApi.FUNCTION_ERROR_TYPE, LambdaApi.FUNCTION_ERROR_BODY), received.values("Trailer"));
            assertEquals(List.of(LambdaApi.RESPONSE_MODE_STREAMING), received.values(LambdaApi.RESPONSE_MODE));
            assertEquals(List.of("application/octet-stream"), received.values("Content-Type"));
            received.reply(Reply.of(400, "application/json", refusal.getBytes(StandardCharsets.UTF_8)));

            RawHttp.Response answer = runtime.answer();
            assertEquals(400, answer.status());
            assertEquals(refusal, answer.bodyText());
            assertEquals(List.of("application/json"), answer.values("Content-Type"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 100, 102, 103 })
    void lambdasInterimResponseIsNotTakenForItsAnswer(int interimStatus) throws Exception {
        try (StreamingRuntime runtime = StreamingRuntime.respond(proxy.getPort(), "req-interim").send(CHUNK)) {
            runtime.end(List.of());
            upstream.takeRequest().reply(InvocationSteps.ACCEPTED.afterInterim(interimStatus));

            RawHttp.Response answer = runtime.answer();
            assertEquals(202, answer.status());
            assertArrayEquals(InvocationSteps.ACCEPTED.body(), answer.body());
        }
    }

    /**
     * curl asks {@code Expect: 100-continue} before a body over 1 MiB or of unknown length, and then waits a second, or
     * for ever with a client that has no such timeout, unless told to go on; Lambda tells it as soon as it reads the body.
     */
    @ParameterizedTest
    @CsvSource({
            "streamed, " + LambdaApi.RESPONSE_MODE + ": " + LambdaApi.RESPONSE_MODE_STREAMING + "|Transfer-Encoding: chunked",
            "too-large, Content-Length: " + (WholeBody.LARGEST + 1),
            "held, Transfer-Encoding: chunked" })
    void aRuntimeThatWaitsForLeaveToSendItsBodyGetsIt(String requestId, String framing) throws Exception {
        List<String> head = new ArrayList<>(List.of("POST " + LambdaApi.INVOCATION + "/" + requestId + "/response HTTP/1.1",
                "Host: 127.0.0.1", "Content-Type: application/octet-stream", "Expect: 100-continue"));
        head.addAll(List.of(framing.split("\\|")));
        byte[] body = framing.startsWith("Content-Length") ? new byte[WholeBody.LARGEST + 1]
                : "1\r\nx\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(head, new byte[0]);

            assertEquals(100, runtime.read().status());
            runtime.sendBody(body);
            ScriptedRuntimeApi.Received received = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/" + requestId + "/response", received.uri());
            received.reply(InvocationSteps.ACCEPTED);
            assertEquals(202, runtime.read().status());
        }
    }

    /**
     * Lambda takes a stream whose framing breaks (a chunk size that is no number, trailers past what lrap reads) as cut
     * off; so must lrap's request to it be, not left open until the invocation times out. The broken part comes with
     * the head, before lrap is connected to Lambda, or after it.
     */
    @ParameterizedTest
    @CsvSource({ "req-bad-size, 5|hello|zz|", "req-huge-trailer, 5|hello|0|X-Huge: huge|" })
    void aStreamWhoseFramingBreaksIsCutOffUpstream(String requestId, String body) throws Exception {
        String wire = body.replace("huge", "x".repeat(3 * 1024 * 1024)).replace("|", "\r\n");
        try (CapturedLogs logs = CapturedLogs.open()) {
            try (RawHttp runtime = new RawHttp(proxy.getPort())) {
                runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/" + requestId + "/response HTTP/1.1",
                        "Host: 127.0.0.1", LambdaApi.RESPONSE_MODE + ": " + LambdaApi.RESPONSE_MODE_STREAMING,
                        "Transfer-Encoding: chunked"), wire.getBytes(StandardCharsets.US_ASCII));
            }

            assertTrue(logs.awaitLineContaining("The runtime hung up while it sent the body of POST " + LambdaApi.INVOCATION
                    + "/" + requestId + "/response"), () -> "no line said so: " + logs.lines());
        }
        assertNull(upstream.pollRequest(500), "a complete request reached the Runtime API");
    }
}
