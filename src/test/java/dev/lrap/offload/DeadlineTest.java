package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocationEndingIn;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.lrap.proxy.EventRejectedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * No DynamoDB call outlives the invocation. The table here accepts connections and never answers, so only the
 * deadline ends a call.
 */
class DeadlineTest {

    private static final String REFERENCE = ContentReference.to("record-00000000-0000-4000-8000-000000000000");
    private static final byte[] EVENT = bytes("{\"input\": \"" + REFERENCE + "\"}");
    /** Far less than any network timeout of the SDK. */
    private static final Duration FAST = Duration.ofMillis(200);
    private static final byte[] RESPONSE = bytes("{\"value\": \"" + "v".repeat(6000) + "\"}");

    private static ServerSocket silentTable;
    private static DynamoDbClient dynamoDb;
    private static OffloadTransformer transformer;

    @BeforeAll
    static void startSilentTable() throws IOException {
        // the kernel completes connections in the backlog: requests are sent, and no answer ever comes
        silentTable = new ServerSocket(0);
        dynamoDb = DynamoDbLocal.client(URI.create("http://localhost:" + silentTable.getLocalPort()));
        transformer = OffloadTesting.transformer(dynamoDb, Map.of());
        // loads Jackson and the SDK's request pipeline, so that the timings below measure the deadline only
        assertThrows(EventRejectedException.class, () -> transformer.transformEvent(EVENT, invocationEndingIn(300)));
    }

    @AfterAll
    static void stopSilentTable() throws IOException {
        dynamoDb.close();
        silentTable.close();
    }

    @Test
    void eventPastItsDeadlineFailsAtOnce() {
        EventRejectedException rejection = assertTakesAtMost(FAST,
                () -> transformer.transformEvent(EVENT, invocationEndingIn(-1_000)));

        assertTrue(rejection.getMessage().contains(REFERENCE) && rejection.getMessage().contains("deadline"), rejection.getMessage());
    }

    @Test
    void eventWithinTheMarginFailsAtOnce() {
        assertTakesAtMost(FAST, () -> transformer.transformEvent(EVENT, invocationEndingIn(Deadline.MARGIN.toMillis() / 2)));
    }

    @Test
    void callEndsAtTheDeadline() {
        assertTakesAtMost(Duration.ofMillis(1_500), () -> transformer.transformEvent(EVENT, invocationEndingIn(600)));
    }

    @Test
    void responsePastItsDeadlineGoesOutUnchanged() {
        long start = System.nanoTime();

        assertSame(RESPONSE, transformer.transformResponse(RESPONSE, invocationEndingIn(-1_000)));
        assertTrue(System.nanoTime() - start < FAST.toNanos());
    }

    private static EventRejectedException assertTakesAtMost(Duration limit, Executable call) {
        long start = System.nanoTime();
        EventRejectedException rejection = assertThrows(EventRejectedException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(limit) <= 0, "took " + took.toMillis() + " ms");
        return rejection;
    }
}
