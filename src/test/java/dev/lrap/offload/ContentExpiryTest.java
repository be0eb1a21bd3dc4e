package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.item;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static dev.lrap.offload.OffloadTesting.transformer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stored content carries {@code expires_at}, the table's TTL attribute, LRAP_CONTENT_TTL after the write. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class ContentExpiryTest {

    private static final byte[] RESPONSE = bytes("{\"value\": \"" + "v".repeat(6000) + "\"}");

    @Inject
    PayloadTransformer transformer;

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void contentExpiresAfterSevenDaysByDefault() {
        long now = Instant.now().getEpochSecond();

        Map<String, AttributeValue> item = offload(transformer);

        assertAbout(now, item.get("timestamp"));
        assertAbout(now + 604_800, item.get("expires_at"));
    }

    @Test
    void contentTtlIsConfigurable() {
        long now = Instant.now().getEpochSecond();

        Map<String, AttributeValue> item = offload(transformer(dynamoDb, Map.of("LRAP_CONTENT_TTL", "3600")));

        assertAbout(now + 3600, item.get("expires_at"));
    }

    @Test
    void zeroTtlKeepsContentForEver() {
        Map<String, AttributeValue> item = offload(transformer(dynamoDb, Map.of("LRAP_CONTENT_TTL", "0")));

        assertFalse(item.containsKey("expires_at"));
    }

    private Map<String, AttributeValue> offload(PayloadTransformer offloading) {
        return item(dynamoDb, recordId(json(offloading.transformResponse(RESPONSE, invocation())).get("value")));
    }

    private static void assertAbout(long expected, AttributeValue epochSeconds) {
        long actual = Long.parseLong(epochSeconds.n());
        assertTrue(Math.abs(actual - expected) <= 5, "expected about " + expected + " but was " + actual);
    }
}
