package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.randomText;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.proxy.EventRejectedException;

/**
 * An event is resolved only while it stays within {@code LRAP_MAX_EVENT_SIZE}, and that is known from the stored
 * sizes before any content is read in full: a short event that names large records many times fails at once, with
 * the number of references and their size, and no chunk is read.
 */
class EventSizeLimitTest {

    private static final int MAX_EVENT_SIZE = 4_000_000;

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.behindADoor(Map.of("LRAP_MAX_EVENT_SIZE", Integer.toString(MAX_EVENT_SIZE)));



    @Test
    void largeRecordsNamedByAShortEventFailBeforeTheirChunksAreRead() {
        // random text does not compress: each record is a manifest and chunks of some 600 KB
        List<String> references = new ArrayList<>();
        for (int n = 0; n < 9; n++) {
            references.add(offload(randomText(600_000, n)));
        }
        byte[] event = bytes("{\"documents\": [\"" + String.join("\", \"", references) + "\"]}");
        long storedLengths = references.stream()
                .mapToLong(reference -> Long.parseLong(OffloadTesting.item(TABLE.client(), ContentReference.idOf(reference)).get("length").n()))
                .sum();
        long resolvedSize = event.length - references.stream().mapToLong(reference -> reference.length() + 2).sum() + storedLengths;
        TABLE.door().takeCalls("BatchGetItem");

        EventRejectedException rejection = assertThrows(EventRejectedException.class, () -> TABLE.transformer().transformEvent(event, invocation()));

        assertEquals("Lrap.ContentResolutionFailed", rejection.errorType());
        assertTrue(rejection.getMessage().contains("9 references to 9 records"), rejection.getMessage());
        assertTrue(rejection.getMessage().contains("at least " + resolvedSize + " bytes"), rejection.getMessage());
        assertTrue(rejection.getMessage().contains("LRAP_MAX_EVENT_SIZE"), rejection.getMessage());
        // one read for the nine manifests; the chunks stay where they are
        assertEquals(1, TABLE.door().takeCalls("BatchGetItem"));
    }

    @Test
    void everyOccurrenceOfARecordCounts() {
        String reference = offload("a".repeat(100_000));
        String manyTimes = IntStream.range(0, 50).mapToObj(n -> "\"" + reference + "\"").collect(Collectors.joining(", "));

        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> TABLE.transformer().transformEvent(bytes("[" + manyTimes + "]"), invocation()));

        assertTrue(rejection.getMessage().contains("50 references to 1 records"), rejection.getMessage());
    }

    @Test
    void eventWithinTheLimitIsResolved() {
        String reference = offload("a".repeat(100_000));
        String manyTimes = IntStream.range(0, 19).mapToObj(n -> "\"" + reference + "\"").collect(Collectors.joining(", "));

        byte[] resolved = TABLE.transformer().transformEvent(bytes("[" + manyTimes + "]"), invocation());

        assertEquals(19, json(resolved).size());
        assertTrue(resolved.length <= MAX_EVENT_SIZE);
    }

    private static String offload(String value) {
        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("value", value));
        return "@content:dynamodb:table:" + recordId(json(TABLE.transformer().transformResponse(response, invocation())).get("value"));
    }
}
