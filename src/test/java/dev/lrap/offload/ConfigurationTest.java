package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.config;
import static dev.lrap.offload.OffloadTesting.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.lrap.config.LrapConfig;

/**
 * The original's environment variables configure the offload, and a bad value stops start-up naming the variable;
 * the AWS SDK's variables point the DynamoDB client.
 */
class ConfigurationTest {

    @Test
    void defaultsAreTheOriginals() {
        OffloadConfig offload = config(Map.of());

        assertEquals("AgentContext", offload.table());
        assertEquals(5000, offload.maxContentSize());
        assertEquals(Duration.ofDays(7), offload.contentTtl());
        assertEquals(240_000, offload.maxPayloadSize());
        assertEquals(3, offload.maxAttempts());
        assertEquals(8 * 1024 * 1024, offload.maxEventSize());
    }

    @Test
    void environmentVariablesApply() {
        Map<String, String> environment = Map.of("AGENT_CONTEXT_TABLE", "Turns", "MAX_CONTENT_SIZE", "50",
                "LRAP_CONTENT_TTL", "0", "LRAP_MAX_PAYLOAD_SIZE", "1000", "LRAP_DEBUG", "true", "AWS_MAX_ATTEMPTS", "1",
                "LRAP_MAX_EVENT_SIZE", "20000000");
        OffloadConfig offload = config(environment);

        assertEquals("Turns", offload.table());
        assertEquals(50, offload.maxContentSize());
        assertEquals(Duration.ZERO, offload.contentTtl());
        assertEquals(1000, offload.maxPayloadSize());
        assertEquals(1, offload.maxAttempts());
        assertEquals(20_000_000, offload.maxEventSize());
        assertTrue(configuration(environment).getConfigMapping(LrapConfig.class).debug());
    }

    @Test
    void dynamoDbFollowsTheSdkVariables() {
        Map<String, String> environment = Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://every-service:4566");

        assertEquals("eu-west-1", configuration(environment).getRawValue("quarkus.dynamodb.aws.region"));
        assertEquals("http://every-service:4566", configuration(environment).getRawValue("quarkus.dynamodb.endpoint-override"));
        assertEquals("http://dynamodb:8000", configuration(Map.of("AWS_ENDPOINT_URL", "http://every-service:4566",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://dynamodb:8000")).getRawValue("quarkus.dynamodb.endpoint-override"));
    }

    @ParameterizedTest
    @CsvSource({
            "MAX_CONTENT_SIZE, 5kb, bytes",
            "MAX_CONTENT_SIZE, 0, bytes",
            "MAX_CONTENT_SIZE, -1, bytes",
            "MAX_CONTENT_SIZE, 3000000000, bytes",
            "LRAP_MAX_PAYLOAD_SIZE, 0, bytes",
            "LRAP_MAX_EVENT_SIZE, 8MiB, bytes",
            "LRAP_CONTENT_TTL, -60, seconds",
            "LRAP_CONTENT_TTL, 7d, seconds",
            "AWS_MAX_ATTEMPTS, 0, attempts",
            "AWS_MAX_ATTEMPTS, three, attempts" })
    void badValueNamesItsVariable(String variable, String value, String unit) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> config(Map.of(variable, value)));

        String expected = variable + " must be a whole number of " + unit;
        assertTrue(failure.getMessage().contains(expected) && failure.getMessage().contains("'" + value + "'"), failure.getMessage());
    }
}
