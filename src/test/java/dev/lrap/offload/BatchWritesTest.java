package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;


/**
 * A response with many strings to store is written in BatchWriteItem calls that run side by side, at most
 * {@value ContentStore#WRITES_IN_FLIGHT} at a time; what DynamoDB leaves unprocessed is sent again as often as
 * {@code AWS_MAX_ATTEMPTS} allows in all. The calls pass through a door to a real DynamoDB (DynamoDB Local).
 */
class BatchWritesTest {

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.behindADoor(Map.of("AWS_MAX_ATTEMPTS", "3", "MAX_CONTENT_SIZE", "100"));



    @AfterEach
    void openTheDoor() {
        TABLE.door().answer((operation, body) -> Optional.empty());
        TABLE.door().hold(operation -> { });
    }

    @Test
    void batchesAreWrittenSideBySideWithABound() {
        // 400 strings make 16 calls; each waits until eight are under way, which only calls side by side reach
        CountDownLatch eightUnderWay = new CountDownLatch(ContentStore.WRITES_IN_FLIGHT);
        TABLE.door().hold(operation -> {
            if (operation.equals("BatchWriteItem")) {
                eightUnderWay.countDown();
                eightUnderWay.await(10, TimeUnit.SECONDS);
            }
        });
        TABLE.door().takeMostUnderWay();

        JsonNode offloaded = json(TABLE.transformer().transformResponse(bytes(manyLargeStrings(400)), invocation()));

        assertEquals(ContentStore.WRITES_IN_FLIGHT, TABLE.door().takeMostUnderWay());
        assertEquals(16, TABLE.door().takeCalls("BatchWriteItem"));
        // an item of every batch is there
        for (int n = 0; n < offloaded.size(); n += 25) {
            OffloadTesting.item(TABLE.client(), recordId(offloaded.get(n)));
        }
    }

    @Test
    void unprocessedItemsAreSentAgainWithinTheAttempts() {
        leaveEverythingUnprocessed(2);
        TABLE.door().takeCalls("BatchWriteItem");

        JsonNode offloaded = json(TABLE.transformer().transformResponse(bytes(manyLargeStrings(3)), invocation()));

        assertEquals(3, TABLE.door().takeCalls("BatchWriteItem"));
        offloaded.forEach(reference -> OffloadTesting.item(TABLE.client(), recordId(reference)));
    }

    @Test
    void responseGoesOutUnchangedWhenAttemptsRunOut() {
        leaveEverythingUnprocessed(Integer.MAX_VALUE);
        byte[] response = bytes(manyLargeStrings(3));
        TABLE.door().takeCalls("BatchWriteItem");

        assertSame(response, TABLE.transformer().transformResponse(response, invocation()));
        assertEquals(3, TABLE.door().takeCalls("BatchWriteItem"));
    }

    /** DynamoDB's answer when it took none of the items, for the first {@code times} calls. */
    private static void leaveEverythingUnprocessed(int times) {
        int[] answered = { 0 };
        TABLE.door().answer((operation, body) -> !operation.equals("BatchWriteItem") || answered[0]++ >= times
                ? Optional.empty()
                : Optional.of(DynamoDbDoor.noneProcessed(operation, body)));
    }

    /** Strings over MAX_CONTENT_SIZE, and small: DynamoDB Local writes large items side by side slowly. */
    private static ArrayNode manyLargeStrings(int count) {
        ArrayNode strings = JsonNodeFactory.instance.arrayNode();
        for (int n = 0; n < count; n++) {
            strings.add(n + " " + "s".repeat(200));
        }
        return strings;
    }
}
