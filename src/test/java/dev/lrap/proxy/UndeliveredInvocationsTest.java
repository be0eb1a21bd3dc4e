package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.ACCEPTED;
import static dev.lrap.testing.InvocationSteps.deliver;
import static dev.lrap.testing.InvocationSteps.postResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.offload.DynamoDbLocalResource;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A result for an invocation lrap never handed to a runtime (an id of the runtime's making, a second result for the
 * same invocation, or an id spelled otherwise than Lambda spelled it) goes to Lambda as the runtime sent it, nothing
 * of it stored, and Lambda's refusal goes back to the runtime: Lambda matches the id as it is in the path, and stores
 * nothing for a result it refuses, so lrap must not either.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class UndeliveredInvocationsTest {

    /** Lambda's answer to a result for an invocation it does not know, as its Runtime API gives it. */
    private static final Reply INVALID_REQUEST_ID = Reply.of(400, "application/json",
            "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}".getBytes(StandardCharsets.UTF_8));
    /** Lambda's answer to a second result for the same invocation. */
    private static final Reply INVALID_STATE_TRANSITION = Reply.of(403, "application/json",
            "{\"errorMessage\":\"State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}"
                    .getBytes(StandardCharsets.UTF_8));
    /** A result with a string lrap offloads when it works on the result. */
    private static final String LARGE_RESULT = "{\"page\":\"" + "x".repeat(10_000) + "\"}";

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void aResultForAnInvocationLrapNeverDeliveredGoesUpstreamUnchangedAndLambdasRefusalComesBack() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            assertRefusedUnchanged(runtime, "never-delivered", INVALID_REQUEST_ID);
        }
    }

    @Test
    void aSecondResultForTheSameInvocationGoesUpstreamUnchanged() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            deliver(runtime, upstream, "answered-twice", 60_000);
            assertOffloaded(runtime, "answered-twice");

            assertRefusedUnchanged(runtime, "answered-twice", INVALID_STATE_TRANSITION);
        }
    }

    @Test
    void aResultUnderAPercentEncodedRequestIdIsNotTakenForTheInvocationWhoseIdItDecodesTo() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            deliver(runtime, upstream, "abc-encoded", 60_000);

            assertRefusedUnchanged(runtime, "%61bc-encoded", INVALID_REQUEST_ID);
            assertOffloaded(runtime, "abc-encoded");
        }
    }

    @Test
    void anErrorUnderAPercentEncodedRequestIdLeavesTheInvocationsResultItsDeadline() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            deliver(runtime, upstream, "abc-error", 60_000);
            byte[] error = "{\"errorType\":\"Test.Failed\"}".getBytes(StandardCharsets.UTF_8);
            runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/%61bc-error/error HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/json", "Content-Length: " + error.length), error);
            upstream.takeRequest().reply(INVALID_REQUEST_ID);
            assertEquals(400, runtime.read().status());

            assertOffloaded(runtime, "abc-error");
        }
    }

    /** Posts the large result to {@code requestId}, and checks that it reached Lambda with its string offloaded. */
    private void assertOffloaded(RawHttp runtime, String requestId) throws Exception {
        postResponse(runtime, requestId, LARGE_RESULT);
        ScriptedRuntimeApi.Received sent = upstream.takeRequest();
        String body = new String(sent.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("{\"page\":\"@content:dynamodb:table:record-"), () -> "not offloaded: "
                + body.substring(0, Math.min(body.length(), 80)));
        sent.reply(ACCEPTED);
        assertEquals(202, runtime.read().status());
    }

    /** Posts the large result to {@code requestId}, and checks that it reached Lambda unchanged and was refused. */
    private void assertRefusedUnchanged(RawHttp runtime, String requestId, Reply refusal) throws Exception {
        postResponse(runtime, requestId, LARGE_RESULT);
        ScriptedRuntimeApi.Received sent = upstream.takeRequest();
        assertEquals(LambdaApi.INVOCATION + "/" + requestId + "/response", sent.uri());
        String body = new String(sent.body(), StandardCharsets.UTF_8);
        assertTrue(LARGE_RESULT.equals(body), () -> "changed on its way: " + body.substring(0, Math.min(body.length(), 80)));
        sent.reply(refusal);

        RawHttp.Response answer = runtime.read();
        assertEquals(refusal.status(), answer.status());
        assertEquals(new String(refusal.body(), StandardCharsets.UTF_8), answer.bodyText());
    }
}
