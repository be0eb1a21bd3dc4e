package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.item;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.put;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Content a function received and returns unchanged keeps its record instead of being stored again. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class StoredContentReuseTest {

    @Inject
    PayloadTransformer transformer;

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void returnedContentKeepsItsRecord() {
        String history = "turn ".repeat(2000) + UUID.randomUUID();
        JsonNode stored = json(transformer.transformResponse(bytes("{\"history\": \"" + history + "\"}"), invocation()));

        assertEquals(recordId(stored.get("history")), returnedAsReceived(stored));
    }

    @Test
    void contentFromTheOriginalKeepsItsRecord() {
        String id = putItem(Map.of());

        assertEquals(id, returnedAsReceived(referenceTo(id)));
    }

    @Test
    void recordCloseToExpiryIsNotReused() {
        String id = putItem(Map.of("expires_at", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 60))));

        String stored = returnedAsReceived(referenceTo(id));

        assertNotEquals(id, stored);
        assertEquals(item(dynamoDb, id).get("content"), item(dynamoDb, stored).get("content"));
    }

    /**
     * Resolves the event, returns its {@code history} unchanged with an answer of the function's own, and gives the
     * record the history went out with. Only a new record is written.
     */
    private String returnedAsReceived(JsonNode event) {
        ObjectNode result = (ObjectNode) json(transformer.transformEvent(bytes(event), invocation()));
        result.put("answer", "short");

        JsonNode response = json(transformer.transformResponse(bytes(result), invocation()));

        return recordId(response.get("history"));
    }

    private String putItem(Map<String, AttributeValue> extra) {
        String id = "record-" + UUID.randomUUID();
        Map<String, AttributeValue> item = new HashMap<>(extra);
        item.put("id", AttributeValue.fromS(id));
        item.put("content", AttributeValue.fromS("\"" + "older turn ".repeat(1000) + id + "\""));
        item.put("timestamp", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond())));
        put(dynamoDb, item);
        return id;
    }

    private static JsonNode referenceTo(String id) {
        return json("{\"history\": \"" + ContentReference.to(id) + "\"}");
    }
}
