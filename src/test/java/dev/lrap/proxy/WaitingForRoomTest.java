package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.ACCEPTED;
import static dev.lrap.testing.InvocationSteps.deliver;
import static dev.lrap.testing.InvocationSteps.postResponse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.offload.DynamoDbLocalResource;
import dev.lrap.testing.CapturedLogs;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With several runtimes posting results at once, a result that finds the room lrap holds bodies in taken by the
 * others waits for it while its invocation has time, and is offloaded then: passed on unread, its large strings would
 * reach Lambda and Step Functions as they are. Only a result whose time runs out first passes unread, and a warning
 * says so.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class WaitingForRoomTest {

    /** A result with a string lrap offloads when it reads the result. */
    private static final String LARGE_RESULT = "{\"page\":\"" + "x".repeat(10_000) + "\"}";

    ScriptedRuntimeApi upstream;

    @Inject
    HeldBytes room;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void aResultThatFindsNoRoomWaitsUntilAnotherRuntimesResultHasGoneOnAndIsOffloaded() throws Exception {
        // the results of other runtimes fill the room but for one result
        long others = room.room() - LARGE_RESULT.length();
        assertTrue(room.take(others));
        try (RawHttp first = new RawHttp(proxy.getPort()); RawHttp second = new RawHttp(proxy.getPort())) {
            deliver(first, upstream, "first", 60_000);
            deliver(second, upstream, "second", 60_000);

            postResponse(first, "first", LARGE_RESULT);
            ScriptedRuntimeApi.Received firstSent = upstream.takeRequest();
            assertOffloaded(firstSent);
            postResponse(second, "second", LARGE_RESULT);
            assertNull(upstream.pollRequest(500), "the second result waits while the first holds the room left");

            firstSent.reply(ACCEPTED);
            assertEquals(202, first.read().status());
            ScriptedRuntimeApi.Received secondSent = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/second/response", secondSent.uri());
            assertOffloaded(secondSent);
            secondSent.reply(ACCEPTED);
            assertEquals(202, second.read().status());
        } finally {
            room.giveBack(others);
        }
    }

    @Test
    void aResultWhoseInvocationRunsOutOfTimeWaitingForRoomPassesUnreadAndAWarningSaysSo() throws Exception {
        long others = room.room();
        assertTrue(room.take(others));
        try (RawHttp runtime = new RawHttp(proxy.getPort()); CapturedLogs logs = CapturedLogs.open()) {
            deliver(runtime, upstream, "out-of-time", 1_000);

            postResponse(runtime, "out-of-time", LARGE_RESULT);
            ScriptedRuntimeApi.Received sent = upstream.takeRequest();
            assertArrayEquals(LARGE_RESULT.getBytes(StandardCharsets.UTF_8), sent.body(), "passed unread and unchanged");
            assertTrue(logs.awaitLineContaining("A result passes on unread and unchanged"));
            sent.reply(ACCEPTED);
            assertEquals(202, runtime.read().status());
        } finally {
            room.giveBack(others);
        }
    }

    private static void assertOffloaded(ScriptedRuntimeApi.Received sent) {
        String body = new String(sent.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("{\"page\":\"@content:dynamodb:table:record-"),
                () -> "not offloaded: " + body.substring(0, Math.min(body.length(), 80)));
    }
}
