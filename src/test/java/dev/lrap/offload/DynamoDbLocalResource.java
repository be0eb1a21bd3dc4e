package dev.lrap.offload;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives a {@code @QuarkusTest} a real, empty DynamoDB: DynamoDB Local in memory, with the content table. */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    private DynamoDbLocal dynamoDb;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocal.start();
        return Map.of("quarkus.dynamodb.endpoint-override", dynamoDb.endpoint().toString());
    }

    @Override
    public void stop() {
        dynamoDb.close();
    }
}
