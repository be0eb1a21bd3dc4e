package dev.lrap.offload;

import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/**
 * The DynamoDB client of the offload benchmarks: counts the calls the {@link ContentStore} makes, and either passes
 * them on to a real client or, without one, takes every write and stores nothing, so that what is measured is lrap's
 * own work.
 */
final class CountingDynamoDb implements DynamoDbClient {

    private final DynamoDbClient target;
    private final AtomicInteger calls = new AtomicInteger();

    private CountingDynamoDb(DynamoDbClient target) {
        this.target = target;
    }

    static CountingDynamoDb of(DynamoDbClient target) {
        return new CountingDynamoDb(target);
    }

    /** Answers every write as fully processed; reads fail, since nothing was stored. */
    static CountingDynamoDb discarding() {
        return new CountingDynamoDb(null);
    }

    /** The calls since the last time this was asked. */
    int takeCalls() {
        return calls.getAndSet(0);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        calls.incrementAndGet();
        return target == null ? BatchWriteItemResponse.builder().build() : target.batchWriteItem(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        calls.incrementAndGet();
        if (target == null) {
            throw new UnsupportedOperationException("nothing is stored without a DynamoDB");
        }
        return target.batchGetItem(request);
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return target == null ? DynamoDbServiceClientConfiguration.builder().build() : target.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }
}
