package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the runtime posts reaches Lambda as sent, and Lambda's answer comes back as given (docs/runtime-api.md,
 * rules 1, 5 and 6).
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class RuntimeRequestFidelityTest {

    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void errorHeadersArriveUnchangedAndNoHeaderIsAdded() throws Exception {
        String xrayCause = "{\"working_directory\":\"/var/task\",\"exceptions\":[{\"message\":\"" + "x".repeat(1024 * 1024)
                + "\"}],\"paths\":[]}";
        List<String> head = List.of("POST " + LambdaApi.INVOCATION + "/req-1/error?attempt=1&x=%2F HTTP/1.1",
                "Host: 127.0.0.1",
                "Lambda-Runtime-Function-Error-Type: Runtime.UserException",
                LambdaApi.XRAY_ERROR_CAUSE + ": " + xrayCause,
                "Lambda-Runtime-Invocation-Id: inv-1",
                "X-Repeated: one",
                "X-Repeated: two",
                "User-Agent: aws-lambda-java/17",
                "Content-Length: 9");

        ScriptedRuntimeApi.Received received = post(head, "not json!".getBytes(StandardCharsets.UTF_8), 202, ACCEPTED).request();

        assertEquals("POST", received.method());
        assertEquals(LambdaApi.INVOCATION + "/req-1/error?attempt=1&x=%2F", received.uri());
        assertEquals(List.of("Runtime.UserException"), received.values("Lambda-Runtime-Function-Error-Type"));
        assertEquals(List.of(xrayCause), received.values(LambdaApi.XRAY_ERROR_CAUSE));
        assertEquals(List.of("inv-1"), received.values(LambdaApi.INVOCATION_ID));
        assertEquals(List.of("one", "two"), received.values("X-Repeated"));
        assertEquals(List.of("aws-lambda-java/17"), received.values("User-Agent"));
        assertTrue(received.values("Content-Type").isEmpty(), "lrap invented a Content-Type");
        assertEquals("not json!", new String(received.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
            "application/json",
            "application/vnd.aws.lambda.error+json",
            "application/vnd.aws.lambda.error.cause+json" })
    void errorContentTypeIsKept(String contentType) throws Exception {
        List<String> head = List.of("POST " + LambdaApi.INVOCATION + "/req-2/error HTTP/1.1", "Host: 127.0.0.1",
                "Content-Type: " + contentType, "Content-Length: 2");

        ScriptedRuntimeApi.Received received = post(head, "{}".getBytes(StandardCharsets.UTF_8), 202, ACCEPTED).request();

        assertEquals(List.of(contentType), received.values("Content-Type"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "202|{\"status\":\"OK\"}",
            "400|{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}",
            "403|{\"errorMessage\":\"State transition from Ready to InvocationErrorResponse failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}",
            "410|{\"errorMessage\":\"Invocation timed out\",\"errorType\":\"InvocationTimedOut\"}",
            "413|{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}",
            "500|{\"errorMessage\":\"Internal error\",\"errorType\":\"ServiceException\"}" })
    void lambdasAnswerReachesTheRuntimeUnchanged(int status, String body) throws Exception {
        List<String> head = List.of("POST " + LambdaApi.INVOCATION + "/req-3/response HTTP/1.1", "Host: 127.0.0.1",
                "Content-Type: application/json", "Content-Length: 2");

        RawHttp.Response response = post(head, "{}".getBytes(StandardCharsets.UTF_8), status,
                body.getBytes(StandardCharsets.UTF_8)).response();

        assertEquals(status, response.status());
        assertEquals(body, response.bodyText());
        assertEquals(List.of("application/json"), response.values("Content-Type"));
    }

    @Test
    void bodiesBeyondLambdasLimitAreForwardedForLambdaToJudge() throws Exception {
        byte[] sevenMegabytes = new byte[7 * 1024 * 1024];
        new Random(11).nextBytes(sevenMegabytes);
        List<String> head = List.of("POST " + LambdaApi.INVOCATION + "/req-4/response HTTP/1.1", "Host: 127.0.0.1",
                "Content-Type: application/octet-stream", "Content-Length: " + sevenMegabytes.length);

        Exchange exchange = post(head, sevenMegabytes, 413, "{\"errorType\":\"RequestEntityTooLarge\"}".getBytes());

        assertArrayEquals(sevenMegabytes, exchange.request().body());
        assertEquals(List.of(String.valueOf(sevenMegabytes.length)), exchange.request().values("Content-Length"));
        assertEquals(413, exchange.response().status());
    }

    @Test
    void chunkedBodiesAreForwardedWithRecomputedFraming() throws Exception {
        List<String> head = List.of("POST " + LambdaApi.INVOCATION + "/req-5/response HTTP/1.1", "Host: 127.0.0.1",
                "Content-Type: text/plain", "Transfer-Encoding: chunked");
        byte[] chunked = "7\r\nSUCCESS\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        ScriptedRuntimeApi.Received received = post(head, chunked, 202, ACCEPTED).request();

        assertEquals("SUCCESS", new String(received.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("7"), received.values("Content-Length"));
        assertTrue(received.values("Transfer-Encoding").isEmpty());
    }

    @Test
    void expectContinueDoesNotStall() throws Exception {
        List<String> head = List.of("POST " + LambdaApi.INVOCATION + "/req-6/response HTTP/1.1", "Host: 127.0.0.1",
                "Content-Type: application/json", "Content-Length: 2", "Expect: 100-continue");
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(head, new byte[0]);
            assertEquals(100, runtime.read().status());
            runtime.sendBody("{}".getBytes(StandardCharsets.UTF_8));
            ScriptedRuntimeApi.Received received = upstream.takeRequest();
            assertEquals("{}", new String(received.body(), StandardCharsets.UTF_8));
            assertTrue(received.values("Expect").isEmpty(), "Expect is hop-by-hop once lrap has answered it");
            received.reply(Reply.of(202, "application/json", ACCEPTED));
            assertEquals(202, runtime.read().status());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 100, 102, 103 })
    void lambdasInterimResponseIsNotTakenForItsAnswer(int interimStatus) throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            InvocationSteps.postResponse(runtime, "req-7", "done");
            upstream.takeRequest().reply(InvocationSteps.ACCEPTED.afterInterim(interimStatus));

            RawHttp.Response answer = runtime.read();
            assertEquals(202, answer.status());
            assertArrayEquals(ACCEPTED, answer.body());
        }
    }

    /** Lambda drops a request whose connection closed before its body ended; lrap does too, and says whose it was. */
    @Test
    void aResultCutShortByItsRuntimeNeverReachesLambdaAndIsNotBlamedOnTheRuntimeApi() throws Exception {
        try (CapturedLogs logs = CapturedLogs.open()) {
            try (RawHttp runtime = new RawHttp(proxy.getPort())) {
                runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/req-8/response HTTP/1.1", "Host: 127.0.0.1",
                        "Content-Type: application/json", "Content-Length: 100"),
                        "{\"cut\":".getBytes(StandardCharsets.UTF_8));
            }

            assertTrue(logs.awaitLineContaining("The runtime hung up while it sent the body of POST " + LambdaApi.INVOCATION
                    + "/req-8/response"), () -> "no line said so: " + logs.lines());
            assertEquals(List.of(), logs.lines().stream().filter(line -> line.contains("could not reach")).toList());
        }
        assertNull(upstream.pollRequest(500), "part of a result reached the Runtime API");
    }

    /**
     * Lambda's Runtime API takes a body in the transfer coding chunked alone and answers anything else with a 501:
     * lrap must not pass on the bytes of {@code gzip, chunked} as if they were the body itself.
     */
    @ParameterizedTest
    @ValueSource(strings = { "gzip, chunked", "chunked, gzip", "identity" })
    void aBodyInATransferCodingLambdaRefusesIsRefusedAndGoesNowhere(String codings) throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/req-9/response HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/json", "Transfer-Encoding: " + codings),
                    "2\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response answer = runtime.read();
            assertEquals(501, answer.status());
            assertTrue(answer.bodyText().contains(StreamedBodyRelay.UNSUPPORTED_TRANSFER_CODING), answer::bodyText);
        }
        assertNull(upstream.pollRequest(500), "the body reached the Runtime API");
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /2022-07-01/telemetry",
            "PUT, /2020-08-15/logs",
            "GET, /2021-04-23/credentials",
            "POST, " + LambdaApi.INIT_ERROR,
            "POST, " + LambdaApi.RESTORE_ERROR,
            "GET, " + LambdaApi.RESTORE_NEXT,
            "POST, " + LambdaApi.RUNTIME + "/a-path-yet-to-come",
            "PUT, " + LambdaApi.INVOCATION_NEXT })
    void otherPathsArePassedThrough(String method, String path) throws Exception {
        boolean hasBody = !method.equals("GET");
        List<String> head = new ArrayList<>(List.of(method + " " + path + " HTTP/1.1", "Host: 127.0.0.1",
                "Lambda-Extension-Identifier: some-agent"));
        if (hasBody) {
            head.add("Content-Type: application/json");
            head.add("Content-Length: 2");
        }

        Exchange exchange = post(head, hasBody ? "{}".getBytes() : new byte[0], 202, ACCEPTED);

        assertEquals(method, exchange.request().method());
        assertEquals(path, exchange.request().uri());
        assertEquals(List.of("some-agent"), exchange.request().values("Lambda-Extension-Identifier"));
        assertEquals(202, exchange.response().status());
        assertArrayEquals(ACCEPTED, exchange.response().body());
    }

    record Exchange(ScriptedRuntimeApi.Received request, RawHttp.Response response) {
    }

    private Exchange post(List<String> head, byte[] body, int status, byte[] answer) throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(head, body);
            ScriptedRuntimeApi.Received received = upstream.takeRequest();
            received.reply(new Reply(status, List.of(Map.entry("Content-Type", "application/json")), answer));
            return new Exchange(received, runtime.read());
        }
    }
}
