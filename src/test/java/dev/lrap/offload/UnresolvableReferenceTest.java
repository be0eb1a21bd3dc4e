package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.delete;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.put;
import static dev.lrap.offload.OffloadTesting.randomText;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.proxy.EventRejectedException;
import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An event whose reference cannot be resolved is rejected, naming the reference; the handler never sees it. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class UnresolvableReferenceTest {

    @Inject
    PayloadTransformer transformer;

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void missingItem() {
        String reference = ContentReference.to("record-" + UUID.randomUUID());

        assertRejected(reference, "no item");
    }

    @Test
    void referenceWithoutId() {
        assertRejected(ContentReference.PREFIX, "lrap resolves only the record-<uuid> ids it issues");
    }

    @Test
    void contentFailingItsChecksum() {
        String id = offload("All work and no play makes Jack a dull boy. ".repeat(20_000));
        Map<String, AttributeValue> item = new HashMap<>(OffloadTesting.item(dynamoDb, id));
        item.put("sha256", AttributeValue.fromS("0".repeat(64)));
        put(dynamoDb, item);

        assertRejected(ContentReference.to(id), "SHA-256");
    }

    @Test
    void missingChunk() {
        String id = offload(randomText(1_000_000, 3));
        delete(dynamoDb, id + "#1");

        assertRejected(ContentReference.to(id), "chunk " + id + "#1 is missing");
    }

    private String offload(String value) {
        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("value", value));
        return recordId(json(transformer.transformResponse(response, invocation())).get("value"));
    }

    private void assertRejected(String reference, String reason) {
        byte[] event = bytes("{\"fine\": \"text\", \"input\": [\"" + reference + "\"]}");

        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> transformer.transformEvent(event, invocation()));

        assertEquals("Lrap.ContentResolutionFailed", rejection.errorType());
        assertTrue(rejection.getMessage().contains(reference) && rejection.getMessage().contains(reason), rejection.getMessage());
    }
}
