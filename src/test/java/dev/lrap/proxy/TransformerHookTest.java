package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A user's own {@link PayloadTransformer} bean replaces lrap's default, sees every event and result with its
 * invocation's request id and deadline, can keep an event from reaching the handler, and can let payloads pass
 * without being called.
 */
@QuarkusTest
@TestProfile(TransformerHookTest.WithCustomTransformer.class)
@QuarkusTestResource(ScriptedRuntimeApiResource.class)
class TransformerHookTest {

    public static class WithCustomTransformer implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(Bracketing.class);
        }
    }

    /** Wraps events and results in brackets, and refuses events that ask for it; active only in this test's profile. */
    @Alternative
    @ApplicationScoped
    public static class Bracketing implements PayloadTransformer {

        @Override
        public byte[] transformEvent(byte[] event, InvocationContext context) {
            String text = new String(event, StandardCharsets.UTF_8);
            if (text.contains("refuse me")) {
                throw new EventRejectedException("Test.Refused", "refused " + context.requestId());
            }
            return ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean leavesEventAlone(byte[] event) {
            return isUntouchable(event);
        }

        @Override
        public boolean leavesResponseAlone(byte[] response) {
            return isUntouchable(response);
        }

        private static boolean isUntouchable(byte[] payload) {
            return new String(payload, StandardCharsets.UTF_8).startsWith("untouchable");
        }

        @Override
        public byte[] transformResponse(byte[] response, InvocationContext context) {
            String deadline = context.deadlineMs().isPresent() ? "deadline" : "no deadline";
            return ("[" + new String(response, StandardCharsets.UTF_8) + " " + context.requestId() + " " + deadline + "]")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Lambda's answer to a result or an error it accepts. */
    private static final Reply ACCEPTED = Reply.of(202, "application/json",
            "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void eventsAndResultsPassThroughTheTransformer() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("req-1", "event"));
            RawHttp.Response delivered = runtime.read();
            assertEquals("[event]", delivered.bodyText());
            assertEquals(List.of("7"), delivered.values("Content-Length"));

            postResponse(runtime, "req-1", "result");
            ScriptedRuntimeApi.Received result = upstream.takeRequest();
            String expected = "[result req-1 deadline]";
            assertEquals(expected, new String(result.body(), StandardCharsets.UTF_8));
            assertEquals(List.of(String.valueOf(expected.length())), result.values("Content-Length"));
            result.reply(ACCEPTED);
            assertEquals(202, runtime.read().status());
        }
    }

    @Test
    void payloadsTheTransformerLeavesAlonePassAsTheyCame() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("req-4", "untouchable event"));
            assertEquals("untouchable event", runtime.read().bodyText());

            postResponse(runtime, "req-4", "untouchable result");
            ScriptedRuntimeApi.Received result = upstream.takeRequest();
            assertEquals("untouchable result", new String(result.body(), StandardCharsets.UTF_8));
            result.reply(ACCEPTED);
            assertEquals(202, runtime.read().status());
        }
    }

    @Test
    void aTenantIsolatedInvocationsEventAlwaysReachesTheTransformer() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("req-5", "untouchable event").withHeader(LambdaApi.TENANT_ID, "tenant-a"));
            assertEquals("[untouchable event]", runtime.read().bodyText());
        }
    }

    @Test
    void aRejectedEventFailsItsInvocationAndTheRuntimeGetsTheNextOne() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("req-2", "refuse me").withHeader(LambdaApi.INVOCATION_ID, "inv-2"));

            ScriptedRuntimeApi.Received failure = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/req-2/error", failure.uri());
            assertEquals(List.of("Test.Refused"), failure.values(LambdaApi.FUNCTION_ERROR_TYPE));
            assertEquals(List.of("inv-2"), failure.values(LambdaApi.INVOCATION_ID));
            String body = new String(failure.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("\"errorType\":\"Test.Refused\"") && body.contains("refused req-2"), body);
            failure.reply(ACCEPTED);

            ScriptedRuntimeApi.Received nextPoll = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION_NEXT, nextPoll.uri());
            nextPoll.reply(event("req-3", "fine"));
            RawHttp.Response delivered = runtime.read();
            assertEquals(List.of("req-3"), delivered.values(LambdaApi.REQUEST_ID));
            assertEquals("[fine]", delivered.bodyText());
        }
    }

    private static void poll(RawHttp runtime) throws IOException {
        runtime.send(List.of("GET " + LambdaApi.INVOCATION_NEXT + " HTTP/1.1", "Host: 127.0.0.1"), new byte[0]);
    }

    private static void postResponse(RawHttp runtime, String requestId, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/" + requestId + "/response HTTP/1.1", "Host: 127.0.0.1",
                "Content-Type: text/plain", "Content-Length: " + body.length), body);
    }

    private static Reply event(String requestId, String body) {
        return Reply.of(200, "text/plain", body.getBytes(StandardCharsets.UTF_8))
                .withHeader(LambdaApi.REQUEST_ID, requestId)
                .withHeader(LambdaApi.DEADLINE_MS, String.valueOf(System.currentTimeMillis() + 60_000));
    }
}
