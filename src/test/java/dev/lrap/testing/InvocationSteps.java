package dev.lrap.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.lrap.LambdaApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;

/**
 * The steps of an invocation through lrap as the proxy tests take them: a runtime's requests on a {@link RawHttp}
 * connection to lrap, and the replies a {@link ScriptedRuntimeApi} gives them as Lambda.
 */
public final class InvocationSteps {

    /** Lambda's answer to a result or an error it accepts. */
    public static final Reply ACCEPTED = Reply.of(202, "application/json",
            "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));

    private InvocationSteps() {
    }

    /** Sends the runtime's poll for its next event. */
    public static RawHttp poll(RawHttp runtime) throws IOException {
        return runtime.send(List.of("GET " + LambdaApi.INVOCATION_NEXT + " HTTP/1.1", "Host: 127.0.0.1"), new byte[0]);
    }

    /** Sends the runtime's result of invocation {@code requestId}, as plain text. */
    public static RawHttp postResponse(RawHttp runtime, String requestId, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/" + requestId + "/response HTTP/1.1",
                "Host: 127.0.0.1", "Content-Type: text/plain", "Content-Length: " + body.length), body);
    }

    /** Hands the runtime an invocation whose deadline is {@code millisLeft} away, through lrap from {@code lambda}. */
    public static void deliver(RawHttp runtime, ScriptedRuntimeApi lambda, String requestId, long millisLeft)
            throws IOException, InterruptedException {
        poll(runtime);
        lambda.takeRequest().reply(event(requestId, "{}", millisLeft));
        RawHttp.Response delivered = runtime.read();
        if (!List.of(requestId).equals(delivered.values(LambdaApi.REQUEST_ID))) {
            throw new AssertionError("The runtime got " + delivered.values(LambdaApi.REQUEST_ID) + ", not " + requestId);
        }
    }

    /** Lambda's event of invocation {@code requestId}, with a minute left. */
    public static Reply event(String requestId, String body) {
        return event(requestId, body, 60_000);
    }

    /** Lambda's event of invocation {@code requestId}, whose deadline is {@code millisLeft} away. */
    public static Reply event(String requestId, String body, long millisLeft) {
        return Reply.of(200, "application/json", body.getBytes(StandardCharsets.UTF_8))
                .withHeader(LambdaApi.REQUEST_ID, requestId)
                .withHeader(LambdaApi.DEADLINE_MS, String.valueOf(System.currentTimeMillis() + millisLeft));
    }
}
