package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.observability.LogText;
import dev.lrap.proxy.EventRejectedException;
import dev.lrap.testing.CapturedLogs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Nothing of a payload reaches a log line or an error message but a short excerpt of a reference id, with control
 * characters escaped; no line and no message is over 4 KB.
 */
class LogSafetyTest {

    private static final String CARD = "4111 1111 1111 1111";
    private static final int FOUR_KB = 4_096;

    private static DynamoDbLocal dynamoDbLocal;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbClient unreachable;

    @BeforeAll
    static void start() {
        dynamoDbLocal = DynamoDbLocal.start();
        dynamoDb = DynamoDbLocal.client(dynamoDbLocal.endpoint());
        unreachable = DynamoDbLocal.client(URI.create("http://127.0.0.1:" + DynamoDbLocal.freePort()));
    }

    @AfterAll
    static void stop() {
        unreachable.close();
        dynamoDb.close();
        dynamoDbLocal.close();
    }

    @Test
    void aHugeStringThatLooksLikeAReferenceIsNeitherLoggedNorPostedWhole() {
        // a line break that would forge a log line, then, past any excerpt, five million characters of card numbers
        String hostile = ContentReference.PREFIX + "x\n12:00:00,000 ERROR [lrap] forged line " + "-".repeat(100)
                + (CARD + " ").repeat(250_000);
        byte[] event = bytes(JsonNodeFactory.instance.objectNode().put("input", hostile));

        try (CapturedLogs logs = CapturedLogs.open()) {
            for (Map<String, String> settings : List.of(Map.<String, String>of(), Map.of("LRAP_DEBUG", "true"))) {
                EventRejectedException rejection = assertThrows(EventRejectedException.class,
                        () -> OffloadTesting.transformer(dynamoDb, settings).transformEvent(event, invocation()));

                assertSafe(rejection.getMessage());
                assertTrue(rejection.getMessage().startsWith("cannot resolve @content:dynamodb:table:x\\u000a12:00:00,000 ERROR"),
                        rejection.getMessage());
            }
            logs.lines().forEach(LogSafetyTest::assertSafe);
        }
    }

    @Test
    void manyBadReferencesMakeOneShortMessage() {
        List<String> references = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            references.add(ContentReference.to("record-" + java.util.UUID.randomUUID()));
        }
        byte[] event = bytes(JsonNodeFactory.instance.objectNode().putPOJO("input", references).toString());

        try (CapturedLogs logs = CapturedLogs.open()) {
            EventRejectedException rejection = assertThrows(EventRejectedException.class,
                    () -> OffloadTesting.transformer(unreachable, Map.of()).transformEvent(event, invocation()));

            assertSafe(rejection.getMessage());
            logs.lines().forEach(LogSafetyTest::assertSafe);
        }
    }

    @Test
    void aResponseThatCannotBeStoredIsNotLogged() {
        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("value", (CARD + "\n").repeat(1_000)));

        try (CapturedLogs logs = CapturedLogs.open()) {
            assertSame(response, OffloadTesting.transformer(unreachable, Map.of()).transformResponse(response, invocation()));

            assertFalse(logs.lines().isEmpty());
            logs.lines().forEach(LogSafetyTest::assertSafe);
        }
    }

    private static void assertSafe(String text) {
        assertFalse(text.contains(CARD), () -> "payload content in: " + LogText.excerpt(text));
        assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= FOUR_KB, () -> text.length() + " characters: " + LogText.excerpt(text));
        assertEquals(-1, text.indexOf('\n'), () -> "a line break in: " + LogText.excerpt(text));
    }
}
