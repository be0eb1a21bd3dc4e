package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.item;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.randomText;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Values past DynamoDB's 400 KB item limit are stored all the same: compressed, and split where that is not enough. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class LargeContentTest {

    @Inject
    PayloadTransformer transformer;

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void randomTextIsSplitIntoChunks() {
        String text = randomText(1_500_000, 1);

        String id = offloadAndResolve(text);

        Map<String, AttributeValue> manifest = item(dynamoDb, id);
        assertFalse(manifest.containsKey("content"));
        assertFalse(manifest.containsKey("content_gz"));
        int chunks = Integer.parseInt(manifest.get("chunks").n());
        assertTrue(chunks >= 3, "random text compresses badly, yet it is in " + chunks + " chunks");
        byte[] json = OffloadTesting.bytes(TextNode.valueOf(text));
        assertEquals(json.length, Long.parseLong(manifest.get("length").n()));
        assertEquals(CheckedGzip.sha256(json), manifest.get("sha256").s());
        for (int n = 0; n < chunks; n++) {
            assertNotNull(item(dynamoDb, id + "#" + n).get("content_gz").b());
        }
    }

    @Test
    void repetitiveTextIsCompressedIntoOneItem() {
        String text = "All work and no play makes Jack a dull boy. ".repeat(20_000);

        String id = offloadAndResolve(text);

        Map<String, AttributeValue> item = item(dynamoDb, id);
        assertNotNull(item.get("content_gz").b());
        assertFalse(item.containsKey("chunks"));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length + 2, Long.parseLong(item.get("length").n()));
    }

    private String offloadAndResolve(String text) {
        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("document", text));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));
        byte[] event = transformer.transformEvent(bytes(offloaded), invocation());

        assertEquals(text, json(event).get("document").textValue());
        return recordId(offloaded.get("document"));
    }
}
