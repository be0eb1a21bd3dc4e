package dev.lrap.offload;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.lrap.config.InvalidSetting;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client as Quarkus configures it, with the SDK's standard retries instead of DynamoDB's own: those try
 * every call 9 times over several seconds, and while the table is out of reach each invocation would wait that long
 * before its payload passes on or fails.
 * <p>
 * The table's region is {@code AWS_REGION}, which Lambda always sets. Where lrap runs without it (a container image under
 * the Runtime Interface Emulator, say), the SDK looks elsewhere, and when it finds none lrap stops saying so, rather than
 * with the SDK's account of every place it looked.
 */
@ApplicationScoped
class DynamoDbClientProducer {

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamoDb(DynamoDbClientBuilder configured, OffloadConfig config,
            @ConfigProperty(name = "quarkus.dynamodb.aws.region") Optional<String> region) {
        DynamoDbClientBuilder builder = configured.overrideConfiguration(configured.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.maxAttempts())
                        .build())
                .build());
        try {
            return builder.build();
        } catch (SdkClientException | IllegalArgumentException noRegion) {
            if (region.isPresent()) {
                throw noRegion;
            }
            throw new InvalidSetting("AWS_REGION", "the AWS Region of lrap's table, such as us-east-1 (Lambda sets it)",
                    System.getenv().getOrDefault("AWS_REGION", ""));
        }
    }
}
