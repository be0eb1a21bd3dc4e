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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.offload.DynamoDbLocalResource;
import dev.lrap.testing.CapturedLogs;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import dev.lrap.testing.StreamingRuntime;
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
        long others = fillRoom() - LARGE_RESULT.length();
        room.giveBack(LARGE_RESULT.length());
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
        long others = fillRoom();
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

    /**
     * AWS's Node and Python runtime clients post a result chunked: one that finds no room for its first piece waits
     * for it as a result of announced length waits for its length.
     */
    @Test
    void aChunkedResultThatFindsNoRoomWaitsUntilAnotherRuntimesResultHasGoneOnAndIsOffloaded() throws Exception {
        long others = fillRoom();
        try (RawHttp runtime = new RawHttp(proxy.getPort());
                StreamingRuntime result = postChunked(runtime, "chunked-waits", LARGE_RESULT)) {
            result.end(List.of());
            assertNull(upstream.pollRequest(500), "the result waits while the others hold the room");

            room.giveBack(others);
            others = 0;
            ScriptedRuntimeApi.Received sent = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION + "/chunked-waits/response", sent.uri());
            assertOffloaded(sent);
            sent.reply(ACCEPTED);
            assertEquals(202, result.answer().status());
        } finally {
            room.giveBack(others);
        }
    }

    /**
     * Two chunked results that each hold part of themselves and then find no room for more must not wait: each would
     * wait for the other to give its part back, until their deadlines. Both pass on unread, byte for byte.
     */
    @Test
    void twoChunkedResultsThatRunOutOfRoomPartwayPassUnreadWithoutWaitingForEachOther() throws Exception {
        // room for the first piece of each, not for either whole
        long others = fillRoom() - 2L * HeldBody.FIRST_PIECE;
        room.giveBack(2L * HeldBody.FIRST_PIECE);
        byte[] large = BodiesTooLargeToHoldTest.json(2 * HeldBody.FIRST_PIECE + 64 * 1024);
        byte[] start = Arrays.copyOfRange(large, 0, HeldBody.FIRST_PIECE);
        byte[] rest = Arrays.copyOfRange(large, HeldBody.FIRST_PIECE, large.length);
        try (RawHttp firstRuntime = new RawHttp(proxy.getPort()); RawHttp secondRuntime = new RawHttp(proxy.getPort());
                StreamingRuntime first = postChunked(firstRuntime, "first-partly-held", start);
                StreamingRuntime second = postChunked(secondRuntime, "second-partly-held", start);
                CapturedLogs logs = CapturedLogs.open()) {
            first.send(rest).end(List.of());
            second.send(rest).end(List.of());

            Map<String, ScriptedRuntimeApi.Received> sent = new HashMap<>();
            for (int result = 0; result < 2; result++) {
                ScriptedRuntimeApi.Received received = upstream.takeRequest();
                sent.put(received.uri(), received);
            }
            for (String requestId : List.of("first-partly-held", "second-partly-held")) {
                ScriptedRuntimeApi.Received received = sent.get(LambdaApi.INVOCATION + "/" + requestId + "/response");
                assertEquals(List.of("chunked"), received.values("Transfer-Encoding"), "passed on as it came");
                assertArrayEquals(large, received.body(), "passed unread and unchanged");
                received.reply(ACCEPTED);
            }
            assertEquals(202, first.answer().status());
            assertEquals(202, second.answer().status());
            assertTrue(logs.awaitLineContaining("A result passes on unread and unchanged"));
        } finally {
            room.giveBack(others);
        }
    }

    @Test
    void aChunkedResultWhoseInvocationRunsOutOfTimeWaitingForRoomPassesUnreadAndAWarningSaysSo() throws Exception {
        long others = fillRoom();
        byte[] large = LARGE_RESULT.getBytes(StandardCharsets.UTF_8);
        try (RawHttp runtime = new RawHttp(proxy.getPort()); CapturedLogs logs = CapturedLogs.open()) {
            deliver(runtime, upstream, "chunked-out-of-time", 1_000);
            try (StreamingRuntime result = StreamingRuntime.chunked(proxy.getPort(),
                    LambdaApi.INVOCATION + "/chunked-out-of-time/response")) {
                result.send(large).end(List.of());

                ScriptedRuntimeApi.Received sent = upstream.takeRequest();
                assertEquals(List.of("chunked"), sent.values("Transfer-Encoding"), "passed on as it came");
                assertArrayEquals(large, sent.body(), "passed unread and unchanged");
                assertTrue(logs.awaitLineContaining("A result passes on unread and unchanged"));
                sent.reply(ACCEPTED);
                assertEquals(202, result.answer().status());
            }
        } finally {
            room.giveBack(others);
        }
    }

    /**
     * A runtime that hangs up while its result waits for room leaves nothing behind: no room taken, none waited for,
     * and nothing sent upstream, as Lambda drops a request cut off.
     */
    @Test
    void aRuntimeThatHangsUpWhileItsChunkedResultWaitsForRoomLeavesNothingBehind() throws Exception {
        long others = fillRoom();
        try (RawHttp runtime = new RawHttp(proxy.getPort()); CapturedLogs logs = CapturedLogs.open()) {
            postChunked(runtime, "hangs-up", LARGE_RESULT).close();
            assertTrue(logs.awaitLineContaining("The runtime hung up while it sent the body of POST "
                    + LambdaApi.INVOCATION + "/hangs-up/response"), "lrap sees the runtime go while its result waits");

            room.giveBack(others);
            others = 0;
            assertTrue(room.takeIfFree(room.room()), "the result that was cut off holds no room and waits for none");
            others = room.room();
            assertNull(upstream.pollRequest(500), "nothing of the result went upstream");
        } finally {
            room.giveBack(others);
        }
    }

    /** Hands {@code runtime} invocation {@code requestId} and starts its result, chunked, with {@code firstChunk}. */
    private StreamingRuntime postChunked(RawHttp runtime, String requestId, String firstChunk) throws Exception {
        return postChunked(runtime, requestId, firstChunk.getBytes(StandardCharsets.UTF_8));
    }

    private StreamingRuntime postChunked(RawHttp runtime, String requestId, byte[] firstChunk) throws Exception {
        deliver(runtime, upstream, requestId, 60_000);
        return StreamingRuntime.chunked(proxy.getPort(), LambdaApi.INVOCATION + "/" + requestId + "/response")
                .send(firstChunk);
    }

    /**
     * Takes the whole room, as the results of other runtimes would, once the results of earlier tests have given theirs
     * back: a runtime may read its answer before lrap has seen the end of its request. The bytes taken.
     */
    private long fillRoom() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!room.takeIfFree(room.room())) {
            assertTrue(System.nanoTime() < giveUp, "the results of earlier tests give their room back");
            Thread.sleep(10);
        }
        return room.room();
    }

    private static void assertOffloaded(ScriptedRuntimeApi.Received sent) {
        String body = new String(sent.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("{\"page\":\"@content:dynamodb:table:record-"),
                () -> "not offloaded: " + body.substring(0, Math.min(body.length(), 80)));
    }
}
