package dev.lrap.e2e;

import java.net.URI;
import java.util.Map;

import dev.lrap.offload.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The content table in the DynamoDB Local that every environment of the test run shares, as tests look into it. */
final class ContentTable implements AutoCloseable {

    static final String NAME = DynamoDbLocal.TABLE;

    private final DynamoDbLocal dynamoDb;
    private final DynamoDbClient client;

    private ContentTable(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.client = DynamoDbLocal.client(dynamoDb.endpoint());
    }

    static ContentTable start() {
        return new ContentTable(DynamoDbLocal.start());
    }

    URI endpoint() {
        return dynamoDb.endpoint();
    }

    /** The item with this id; empty when there is none. */
    Map<String, AttributeValue> item(String id) {
        return client.getItem(get -> get.tableName(NAME).key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true))
                .item();
    }

    void put(Map<String, AttributeValue> item) {
        client.putItem(put -> put.tableName(NAME).item(item));
    }

    @Override
    public void close() {
        try (dynamoDb) {
            client.close();
        }
    }
}
