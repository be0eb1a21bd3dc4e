package dev.lrap.offload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client as Quarkus configures it, with the SDK's standard retries instead of DynamoDB's own: those try
 * every call 9 times over several seconds, and while the table is out of reach each invocation would wait that long
 * before its payload passes on or fails.
 */
@ApplicationScoped
class DynamoDbClientProducer {

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamoDb(DynamoDbClientBuilder configured, OffloadConfig config) {
        return configured.overrideConfiguration(configured.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.maxAttempts())
                        .build())
                .build())
                .build();
    }
}
