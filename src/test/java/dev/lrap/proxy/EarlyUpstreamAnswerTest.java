package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.event;
import static dev.lrap.testing.InvocationSteps.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Lambda may answer a result before it has read all of it, and close the connection: lrap hands that answer to the
 * runtime partway through its body, whether the runtime streams it or it is too large to hold, and serves the runtime's
 * next poll as ever.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class EarlyUpstreamAnswerTest {

    private static final Reply TOO_LARGE = Reply.of(413, "application/json",
            "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}"
                    .getBytes(StandardCharsets.UTF_8));

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void lambdasAnswerBeforeTheEndOfAResultTooLargeToHoldReachesTheRuntime() throws Exception {
        upstream.answerNextBodyOnArrival(TOO_LARGE);
        byte[] part = new byte[64 * 1024];
        Arrays.fill(part, (byte) 'x');
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/early-1/response HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/json", "Content-Length: " + (WholeBody.LARGEST + 1)), part);

            RawHttp.Response answer = runtime.read();
            assertEquals(413, answer.status());
            assertEquals(new String(TOO_LARGE.body(), StandardCharsets.UTF_8), answer.bodyText());
        }
        assertTheNextPollIsServed();
    }

    @Test
    void lambdasAnswerPartwayThroughAStreamedResponseReachesTheRuntime() throws Exception {
        upstream.answerNextBodyOnArrival(TOO_LARGE);
        try (StreamingRuntime runtime = StreamingRuntime.respond(proxy.getPort(), "early-2")) {
            runtime.send("first chunk".getBytes(StandardCharsets.UTF_8));

            assertEquals(413, runtime.answer().status());
        }
        assertTheNextPollIsServed();
    }

    private void assertTheNextPollIsServed() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("after-early", "{}"));
            assertEquals(List.of("after-early"), runtime.read().values(LambdaApi.REQUEST_ID));
        }
    }
}
