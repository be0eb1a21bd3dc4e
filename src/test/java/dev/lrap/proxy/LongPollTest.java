package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.InvocationSteps;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Runtime polls are relayed one to one, concurrently, and an event is never lost (docs/runtime-api.md, rules 4 and 6). */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class LongPollTest {

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void concurrentPollsAllReachTheRuntimeApiAtOnce() throws Exception {
        int workers = 4;
        List<RawHttp> runtimes = new ArrayList<>();
        List<ScriptedRuntimeApi.Received> polls = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            runtimes.add(poll(new RawHttp(proxy.getPort())));
        }
        for (int i = 0; i < workers; i++) {
            polls.add(upstream.takeRequest());
        }
        for (int i = 0; i < workers; i++) {
            polls.get(i).reply(event("request-" + i));
        }

        Set<String> delivered = new HashSet<>();
        for (RawHttp runtime : runtimes) {
            try (runtime) {
                delivered.addAll(runtime.read().values(LambdaApi.REQUEST_ID));
            }
        }
        assertEquals(Set.of("request-0", "request-1", "request-2", "request-3"), delivered);
    }

    @Test
    void anEventThatArrivesAfterTheRuntimeHungUpGoesToItsNextPoll() throws Exception {
        ScriptedRuntimeApi.Received poll = pollAndHangUp();
        poll.reply(event("kept"));

        assertNextPollDelivers("kept");
    }

    @Test
    void aNewPollTakesOverThePollOfARuntimeThatHungUp() throws Exception {
        ScriptedRuntimeApi.Received poll = pollAndHangUp();

        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            assertFalse(upstream.receivesAnotherRequestWithin(500), "lrap polled the Runtime API a second time");
            poll.reply(event("taken-over"));
            assertEquals(List.of("taken-over"), runtime.read().values(LambdaApi.REQUEST_ID));
        }
    }

    /**
     * Polls, hangs up once the poll reached the upstream, and waits until lrap has seen the hang-up, as when a runtime
     * process dies and Lambda starts another.
     */
    private ScriptedRuntimeApi.Received pollAndHangUp() throws Exception {
        ScriptedRuntimeApi.Received poll;
        CountDownLatch hungUp = new CountDownLatch(1);
        Handler hangUpNoticed = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage().startsWith("A runtime hung up")) {
                    hungUp.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger handover = Logger.getLogger(PollHandover.class.getName());
        handover.addHandler(hangUpNoticed);
        try {
            try (RawHttp runtime = new RawHttp(proxy.getPort())) {
                poll(runtime);
                poll = upstream.takeRequest();
            }
            assertTrue(hungUp.await(10, TimeUnit.SECONDS), "lrap did not notice that the runtime hung up");
        } finally {
            handover.removeHandler(hangUpNoticed);
        }
        return poll;
    }

    private void assertNextPollDelivers(String requestId) throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            RawHttp.Response next = poll(runtime).read();
            assertEquals(List.of(requestId), next.values(LambdaApi.REQUEST_ID));
            assertEquals("{\"id\":\"" + requestId + "\"}", next.bodyText());
        }
        assertFalse(upstream.receivesAnotherRequestWithin(500), "lrap polled the Runtime API again on its own");
    }

    @Test
    void aRuntimeApiThatGoesAwayGivesTheRuntimeAPrompt502() throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            upstream.takeRequest().hangUp();

            RawHttp.Response response = runtime.read();

            assertEquals(502, response.status());
            assertEquals(List.of("application/json"), response.values("Content-Type"));
            assertTrue(response.bodyText().contains("\"errorType\":\"Lrap.RuntimeApiUnavailable\""),
                    response.bodyText());
        }
    }

    private static Reply event(String requestId) {
        return InvocationSteps.event(requestId, "{\"id\":\"" + requestId + "\"}");
    }
}
