package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.ACCEPTED;
import static dev.lrap.testing.InvocationSteps.event;
import static dev.lrap.testing.InvocationSteps.poll;
import static dev.lrap.testing.InvocationSteps.postResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
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
@WithTestResource(ScriptedRuntimeApiResource.class)
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

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void eventsAndResultsPassThroughTheTransformer() throws Exception {
        Relayed relayed = relay("req-1", "event", "result");

        assertEquals("[event]", relayed.event().bodyText());
        assertEquals(List.of("7"), relayed.event().values("Content-Length"));
        String expected = "[result req-1 deadline]";
        assertEquals(expected, new String(relayed.result().body(), StandardCharsets.UTF_8));
        assertEquals(List.of(String.valueOf(expected.length())), relayed.result().values("Content-Length"));
    }

    @Test
    void payloadsTheTransformerLeavesAlonePassAsTheyCame() throws Exception {
        Relayed relayed = relay("req-4", "untouchable event", "untouchable result");

        assertEquals("untouchable event", relayed.event().bodyText());
        assertEquals("untouchable result", new String(relayed.result().body(), StandardCharsets.UTF_8));
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

    /** What the runtime received as its event, and what reached Lambda as its result. */
    record Relayed(RawHttp.Response event, ScriptedRuntimeApi.Received result) {
    }

    /** Takes one invocation through lrap: Lambda sends {@code event}, the runtime answers {@code result}. */
    private Relayed relay(String requestId, String event, String result) throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event(requestId, event));
            RawHttp.Response delivered = runtime.read();
            postResponse(runtime, requestId, result);
            ScriptedRuntimeApi.Received sent = upstream.takeRequest();
            sent.reply(ACCEPTED);
            assertEquals(202, runtime.read().status());
            return new Relayed(delivered, sent);
        }
    }
}
