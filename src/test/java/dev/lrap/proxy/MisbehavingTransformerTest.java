package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.ACCEPTED;
import static dev.lrap.testing.InvocationSteps.event;
import static dev.lrap.testing.InvocationSteps.poll;
import static dev.lrap.testing.InvocationSteps.postResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lrap.LambdaApi;
import dev.lrap.testing.CapturedLogs;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A transformer that throws, or takes too long, costs neither an invocation nor its response: a failed event fails
 * its invocation upstream with a bounded message and the runtime gets the next event; a failed or late response
 * transform lets the response go upstream as the runtime sent it, before the deadline.
 */
@QuarkusTest
@TestProfile(MisbehavingTransformerTest.WithMisbehavingTransformer.class)
@WithTestResource(ScriptedRuntimeApiResource.class)
class MisbehavingTransformerTest {

    public static class WithMisbehavingTransformer implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(Misbehaving.class);
        }
    }

    /** Fails in the way a payload asks for; active only in this test's profile. */
    @Alternative
    @ApplicationScoped
    public static class Misbehaving implements PayloadTransformer {

        static final AtomicInteger RESPONSES_TRANSFORMED = new AtomicInteger();
        static final CountDownLatch STALLED = new CountDownLatch(1);
        static final AtomicBoolean STALL_ENDED = new AtomicBoolean();
        static final CountDownLatch EVENT_STALLED = new CountDownLatch(1);
        static final AtomicBoolean EVENT_STALL_ENDED = new AtomicBoolean();

        @Override
        public byte[] transformEvent(byte[] event, InvocationContext context) {
            String text = new String(event, StandardCharsets.UTF_8);
            if (text.contains("throw an exception")) {
                throw new IllegalStateException("cannot take " + text);
            }
            if (text.contains("throw an error")) {
                throw new StackOverflowError("too deep: " + text);
            }
            if (text.contains("reject at length")) {
                throw new EventRejectedException("Test.Rejected", "x".repeat(10_000));
            }
            if (text.contains("stall the event")) {
                await(EVENT_STALLED);
                EVENT_STALL_ENDED.set(true);
            }
            return event;
        }

        @Override
        public boolean leavesEventAlone(byte[] event) {
            if (new String(event, StandardCharsets.UTF_8).contains("fail the check")) {
                throw new IllegalArgumentException("check failed");
            }
            return false;
        }

        @Override
        public byte[] transformResponse(byte[] response, InvocationContext context) {
            RESPONSES_TRANSFORMED.incrementAndGet();
            String text = new String(response, StandardCharsets.UTF_8);
            if (text.contains("throw")) {
                throw new IllegalStateException("cannot take " + text);
            }
            if (text.contains("stall")) {
                await(STALLED);
                STALL_ENDED.set(true);
            }
            return "transformed".getBytes(StandardCharsets.UTF_8);
        }

        private static void await(CountDownLatch released) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @ParameterizedTest
    @ValueSource(strings = { "throw an exception", "throw an error", "fail the check" })
    void anEventTheTransformerFailsOnFailsItsInvocationAndTheRuntimeGetsTheNextOne(String failure) throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("req-1", "secret payload, " + failure, 60_000)
                    .withHeader(LambdaApi.INVOCATION_ID, "inv-1"));

            ScriptedRuntimeApi.Received reported = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/req-1/error", reported.uri());
            assertEquals(List.of(EventTransformation.TRANSFORM_FAILED), reported.values(LambdaApi.FUNCTION_ERROR_TYPE));
            assertEquals(List.of("inv-1"), reported.values(LambdaApi.INVOCATION_ID));
            String document = new String(reported.body(), StandardCharsets.UTF_8);
            assertEquals(EventTransformation.TRANSFORM_FAILED, new JsonObject(document).getString("errorType"));
            assertFalse(document.contains("secret"), "the error carries payload: " + document);
            reported.reply(ACCEPTED);

            assertTheRuntimeGetsTheNextEvent(runtime);
        }
    }

    @Test
    void aRejectionsMessageIsCutTo4KiB() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("req-2", "reject at length", 60_000));

            ScriptedRuntimeApi.Received reported = upstream.takeRequest();
            assertEquals(List.of("Test.Rejected"), reported.values(LambdaApi.FUNCTION_ERROR_TYPE));
            String message = new JsonObject(new String(reported.body(), StandardCharsets.UTF_8)).getString("errorMessage");
            assertTrue(message.startsWith("xxx"), message);
            assertTrue(message.getBytes(StandardCharsets.UTF_8).length <= LambdaError.MAX_MESSAGE_BYTES,
                    message.length() + " bytes");
            reported.reply(ACCEPTED);

            assertTheRuntimeGetsTheNextEvent(runtime);
        }
    }

    @Test
    void anEventWhoseTransformOutlastsTheDeadlineFailsItsInvocationInTimeAndItsLateResultIsDiscarded()
            throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().reply(event("req-7", "stall the event", 1_000));

            ScriptedRuntimeApi.Received reported = upstream.takeRequest();
            assertFalse(Misbehaving.EVENT_STALL_ENDED.get(), "lrap waited for the transform");
            assertEquals(LambdaApi.INVOCATION + "/req-7/error", reported.uri());
            assertEquals(List.of(EventTransformation.TRANSFORM_TIMED_OUT), reported.values(LambdaApi.FUNCTION_ERROR_TYPE));
            JsonObject document = new JsonObject(new String(reported.body(), StandardCharsets.UTF_8));
            assertEquals("lrap could not prepare the event for the handler before the invocation's deadline",
                    document.getString("errorMessage"));
            reported.reply(ACCEPTED);
            assertTheRuntimeGetsTheNextEvent(runtime);

            Misbehaving.EVENT_STALLED.countDown();
            assertFalse(upstream.receivesAnotherRequestWithin(500), "the late transform was acted on");
            poll(runtime);
            assertTheRuntimeGetsTheNextEvent(runtime);
        }
    }

    @Test
    void aResponseTheTransformerFailsOnGoesUpstreamUnchanged() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            deliver(runtime, "req-3", 60_000);

            postResponse(runtime, "req-3", "throw, please");

            ScriptedRuntimeApi.Received result = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/req-3/response", result.uri());
            assertEquals("throw, please", new String(result.body(), StandardCharsets.UTF_8));
            result.reply(ACCEPTED);
            assertEquals(202, runtime.read().status());
        }
    }

    @Test
    void aFailedResponsesLogLineShowsItsRequestIdCutAndOnOneLine() throws Exception {
        // the id as the path spells it, which Lambda matches undecoded: no escape in it makes a line break
        String requestId = "req-6%0Aforged%20line%20" + "r".repeat(2_000);
        try (RawHttp runtime = new RawHttp(proxy.getPort()); CapturedLogs logs = CapturedLogs.open()) {
            deliver(runtime, requestId, 60_000);
            postResponse(runtime, requestId, "throw, please");
            upstream.takeRequest().reply(ACCEPTED);
            assertEquals(202, runtime.read().status());

            assertTrue(logs.awaitLineContaining("the transformer failed"));
            String line = logs.lines().stream().filter(logged -> logged.contains("the transformer failed")).findFirst().orElseThrow();
            assertTrue(line.startsWith("Invocation req-6%0Aforged%20line%20rrr"), line);
            assertTrue(line.contains("(2024 characters)"), line);
        }
    }

    @Test
    void aResponseWhoseTransformOutlastsTheDeadlineGoesUpstreamUnchangedAndItsLateResultIsDiscarded()
            throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            deliver(runtime, "req-4", 1_000);

            postResponse(runtime, "req-4", "stall");

            ScriptedRuntimeApi.Received result = upstream.takeRequest();
            assertFalse(Misbehaving.STALL_ENDED.get(), "lrap waited for the transform");
            assertEquals("stall", new String(result.body(), StandardCharsets.UTF_8));
            result.reply(ACCEPTED);
            assertEquals(202, runtime.read().status());

            Misbehaving.STALLED.countDown();
            assertFalse(upstream.receivesAnotherRequestWithin(500), "the late transform was sent too");
        }
    }

    @Test
    void noTransformStartsWhenNoTimeIsLeft() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            deliver(runtime, "req-5", 0);
            int transformedBefore = Misbehaving.RESPONSES_TRANSFORMED.get();

            postResponse(runtime, "req-5", "on time?");

            ScriptedRuntimeApi.Received result = upstream.takeRequest();
            assertEquals("on time?", new String(result.body(), StandardCharsets.UTF_8));
            assertEquals(transformedBefore, Misbehaving.RESPONSES_TRANSFORMED.get());
            result.reply(ACCEPTED);
            assertEquals(202, runtime.read().status());
        }
    }

    private void assertTheRuntimeGetsTheNextEvent(RawHttp runtime) throws Exception {
        ScriptedRuntimeApi.Received nextPoll = upstream.takeRequest();
        assertEquals(LambdaApi.INVOCATION_NEXT, nextPoll.uri());
        nextPoll.reply(event("req-next", "fine", 60_000));
        RawHttp.Response delivered = runtime.read();
        assertEquals(List.of("req-next"), delivered.values(LambdaApi.REQUEST_ID));
        assertEquals("fine", delivered.bodyText());
    }

    /** Hands the runtime an invocation whose deadline is {@code millisLeft} away. */
    private void deliver(RawHttp runtime, String requestId, long millisLeft) throws Exception {
        poll(runtime);
        upstream.takeRequest().reply(event(requestId, "event", millisLeft));
        assertEquals(List.of(requestId), runtime.read().values(LambdaApi.REQUEST_ID));
    }
}
