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
import dev.lrap.observability.MetricsConfig;
import dev.lrap.proxy.ProxyConfig;

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

    /**
     * Values that lrap would take, only for something else to refuse them later: the wrapper's runtime (a port of 0,
     * or one with blanks, which the wrapper hands on as written), DynamoDB (a name no table can have), CloudWatch (a
     * namespace it drops every document for), or the deadline itself (a negative margin would let lrap's work on a
     * response run past it).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LRAP_LISTENER_PORT | 0",
            "LRAP_LISTENER_PORT | -1",
            "LRAP_LISTENER_PORT | 65536",
            "LRAP_LISTENER_PORT | ' 9009'",
            "LRAP_LISTENER_PORT | ''",
            "AGENT_CONTEXT_TABLE | my table",
            "AGENT_CONTEXT_TABLE | ab",
            "AGENT_CONTEXT_TABLE | ' '",
            "LRAP_METRICS_NAMESPACE | my namespace",
            "LRAP_PROXY_RESPONSE_MARGIN | -1s",
            "AWS_LAMBDA_RUNTIME_API | 127.0.0.1",
            "AWS_LAMBDA_RUNTIME_API | not a host:9001",
            "AWS_LAMBDA_RUNTIME_API | http://127.0.0.1:9001/path",
            "LRAP_DEBUG | abc",
            "LRAP_DEBUG | ' true'",
            "LRAP_METRICS | ture",
            "LRAP_METRICS | disabled",
            "LRAP_METRICS | ''" })
    void valueNoOneCouldUseNamesItsVariable(String variable, String value) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> configuration(Map.of(variable, value))
                .getConfigMapping(LrapConfig.class));

        assertTrue(failure.getMessage().contains(variable + " must be ") && failure.getMessage().contains("'" + value + "'"),
                failure.getMessage());
    }

    @Test
    void edgeValuesThatWorkAreTaken() {
        Map<String, String> environment = Map.of("LRAP_LISTENER_PORT", "65535", "LRAP_METRICS_NAMESPACE", "Agents/lrap",
                "AGENT_CONTEXT_TABLE", "arn:aws:dynamodb:eu-west-1:123456789012:table/Agent.Context-1",
                "LRAP_PROXY_RESPONSE_MARGIN", "0");

        assertEquals(65535, configuration(environment).getConfigMapping(LrapConfig.class).listenerPort());
        assertEquals("Agents/lrap", configuration(environment).getConfigMapping(MetricsConfig.class).namespace());
        assertEquals("arn:aws:dynamodb:eu-west-1:123456789012:table/Agent.Context-1", config(environment).table());
        assertEquals(Duration.ZERO, configuration(environment).getConfigMapping(ProxyConfig.class).responseMargin());
    }

    /** Every spelling SmallRye Config itself reads as true or false, in any case; {@code valueNoOneCould…} has the rest. */
    @ParameterizedTest
    @CsvSource({ "true, true", "TRUE, true", "1, true", "yes, true", "Y, true", "on, true", "oui, true",
            "false, false", "False, false", "0, false", "no, false", "N, false", "OFF, false", "nein, false" })
    void switchesTakeSmallRyesSpellings(String value, boolean on) {
        assertEquals(on, configuration(Map.of("LRAP_DEBUG", value)).getConfigMapping(LrapConfig.class).debug());
        assertEquals(on, configuration(Map.of("LRAP_METRICS", value)).getConfigMapping(MetricsConfig.class).enabled());
    }

    /** As Lambda's own clients take it: with or without a scheme and a trailing slash, an IPv6 address in brackets. */
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1:9001, 127.0.0.1:9001",
            "http://localhost:9001/, localhost:9001",
            "'[::1]:9001', '[::1]:9001'" })
    void runtimeApiEndpointsTakeEveryFormLambdaUses(String endpoint, String upstream) {
        assertEquals(upstream, configuration(Map.of("AWS_LAMBDA_RUNTIME_API", endpoint)).getConfigMapping(LrapConfig.class).upstream());
    }
}
