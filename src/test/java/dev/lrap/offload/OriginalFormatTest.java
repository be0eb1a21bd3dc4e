package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.item;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.put;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** lrap and the original extension share a table: each resolves the small items the other writes. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class OriginalFormatTest {

    @Inject
    PayloadTransformer transformer;

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void itemWrittenByTheOriginalIsResolved() {
        assertEquals("The original wrote this.\nTwice.", resolveOriginalItem("\"The original wrote this.\\nTwice.\"").textValue());
    }

    @Test
    void contentThatIsNotJsonIsSubstitutedAsText() {
        assertEquals("plain words, not JSON", resolveOriginalItem("plain words, not JSON").textValue());
    }

    @Test
    void contentHoldingJsonIsSubstitutedAsItsValue() {
        assertEquals(json("{\"a\": [1, 2.50]}"), resolveOriginalItem("{\"a\": [1, 2.50]}"));
    }

    @Test
    void smallItemsAreWrittenAsTheOriginalWritesThem() {
        String padding = "x".repeat(5000);
        String value = "quote \" backslash \\ newline \n tab \t unit separator \u001f é 😀 " + padding;
        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("value", value));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));

        Map<String, AttributeValue> item = item(dynamoDb, recordId(offloaded.get("value")));
        assertEquals(Set.of("id", "content", "timestamp", "expires_at"), item.keySet());
        // serde_json's rendering: short escapes where JSON has them, lower-case hex otherwise, raw UTF-8
        String serdeJson = "\"quote \\\" backslash \\\\ newline \\n tab \\t unit separator \\u001f é 😀 " + padding + "\"";
        assertEquals(serdeJson, item.get("content").s());
        // the original's rule: parse content as JSON
        assertEquals(value, json(item.get("content").s()).textValue());
    }

    private JsonNode resolveOriginalItem(String content) {
        String id = "record-" + UUID.randomUUID();
        put(dynamoDb, Map.of("id", AttributeValue.fromS(id), "content", AttributeValue.fromS(content),
                "timestamp", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()))));
        byte[] event = bytes("{\"input\": \"" + ContentReference.to(id) + "\", \"other\": true}");

        JsonNode resolved = json(transformer.transformEvent(event, invocation()));

        assertEquals(true, resolved.get("other").booleanValue());
        return resolved.get("input");
    }
}
