package dev.lrap.offload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.lrap.proxy.InvocationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A developer's look into the content table: a stored value by its record id, read back the way lrap reads it when it
 * resolves a reference, whichever of the item shapes holds it.
 */
public final class StoredItems {

    /** Reads for a developer, not for an invocation: the SDK's own timeouts apply. */
    private static final InvocationContext NO_INVOCATION = new InvocationContext("item-view", OptionalLong.empty(), Map.of());

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DynamoDbClient client;
    private final String table;
    private final ContentStore store;

    public StoredItems(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        // the TTL only matters for writing; a developer's look reads an item of any size
        this.store = new ContentStore(client, table, Duration.ZERO, 3, Long.MAX_VALUE);
    }

    /**
     * The value stored as {@code id}, as a JSON document with its {@code id}, its size in UTF-8 {@code bytes}, when
     * DynamoDB may delete it ({@code expiresAt}, if ever) and the value itself as {@code content}.
     *
     * @return empty when the table has no such item
     * @throws ContentStoreException when the item cannot be read or decoded
     */
    public Optional<String> find(String id) {
        Map<String, AttributeValue> item = client.getItem(get -> get.tableName(table)
                .key(Map.of(ContentItems.ID, AttributeValue.fromS(id)))).item();
        if (item.isEmpty()) {
            return Optional.empty();
        }
        ContentStore.Loaded loaded = store.load(Set.of(id), ContentItems.tenant(item), lengths -> { }, Deadline.of(NO_INVOCATION, Duration.ZERO)).get(id);
        String content = new String(loaded.text(), StandardCharsets.UTF_8);
        ObjectNode view = JsonNodeFactory.instance.objectNode()
                .put("id", id)
                .put("bytes", loaded.text().length)
                .put("expiresAt", loaded.expiresAt().map(Object::toString).orElse(null));
        view.set("content", parseOrText(content));
        return Optional.of(view.toString());
    }

    // the original's rule for stored content: the value it holds as JSON, else the text itself
    private static JsonNode parseOrText(String content) {
        try {
            return MAPPER.readTree(content);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(content);
        }
    }
}
