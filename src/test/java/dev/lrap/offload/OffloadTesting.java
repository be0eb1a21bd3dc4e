package dev.lrap.offload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.lrap.config.LrapConfig;
import dev.lrap.observability.InvocationMetrics;
import dev.lrap.observability.LogText;
import dev.lrap.observability.MetricsConfig;
import dev.lrap.observability.MetricsDocuments;
import dev.lrap.proxy.InvocationContext;
import dev.lrap.proxy.ProxyConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the offload tests share: invocations, configurations, JSON and a look into the content table. */
final class OffloadTesting {

    private OffloadTesting() {
    }

    /** An invocation with half a minute left. */
    static InvocationContext invocation() {
        return invocationEndingIn(30_000);
    }

    static InvocationContext invocationEndingIn(long millis) {
        return new InvocationContext("test-request", OptionalLong.of(System.currentTimeMillis() + millis), Map.of());
    }

    /**
     * The configuration as it is built at start-up in production, from {@code application.properties} and these
     * environment variables; bad values fail as they would at start-up.
     */
    static SmallRyeConfig configuration(Map<String, String> environment) {
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(OffloadTesting.class.getResource("/application.properties"), 250))
                    .withSources(new EnvConfigSource(environment, 300))
                    .withMapping(LrapConfig.class)
                    .withMapping(OffloadConfig.class)
                    .withMapping(MetricsConfig.class)
                    .withMapping(ProxyConfig.class)
                    // durations such as 100ms, as Quarkus reads them
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OffloadConfig config(Map<String, String> environment) {
        return configuration(environment).getConfigMapping(OffloadConfig.class);
    }

    /** A transformer of its own configuration, on the test's DynamoDB. */
    static OffloadTransformer transformer(DynamoDbClient dynamoDb, Map<String, String> environment) {
        SmallRyeConfig configuration = configuration(environment);
        return new OffloadTransformer(dynamoDb, configuration.getConfigMapping(OffloadConfig.class),
                configuration.getConfigMapping(LrapConfig.class), configuration.getConfigMapping(ProxyConfig.class),
                new InvocationMetrics(new MetricsDocuments(configuration.getConfigMapping(MetricsConfig.class))));
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code {"input": "<reference>"}} with the reference's character at {@code position} in the bytes
     * {@code overlong} (hex) instead, an overlong form of it.
     */
    static byte[] withOverlong(String reference, int position, String overlong) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(bytes("{\"input\": \"" + reference.substring(0, position)));
        json.writeBytes(HexFormat.ofDelimiter(" ").parseHex(overlong));
        json.writeBytes(bytes(reference.substring(position + 1) + "\"}"));
        return json.toByteArray();
    }

    /** JSON written as lrap writes strings (lower-case hex, raw UTF-8), read without losing digits, to any depth. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON text of a value; for a string, its literal with quotes and escapes. */
    static String text(JsonNode json) {
        return new String(bytes(json), StandardCharsets.UTF_8);
    }

    static JsonNode json(byte[] payload) {
        try {
            return MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + LogText.excerpt(new String(payload, StandardCharsets.UTF_8)), e);
        }
    }

    static JsonNode json(String text) {
        return json(bytes(text));
    }

    /** The record id a reference names, failing unless it is a reference lrap issues. */
    static String recordId(JsonNode reference) {
        String text = reference.textValue();
        if (text == null || !text.matches("@content:dynamodb:table:record-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")) {
            throw new AssertionError("not a content reference: " + LogText.excerpt(String.valueOf(reference)));
        }
        return ContentReference.idOf(text);
    }

    static Map<String, AttributeValue> item(DynamoDbClient dynamoDb, String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(DynamoDbLocal.TABLE)
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        if (!item.isEmpty()) {
            return item;
        }
        throw new AssertionError("no item " + id);
    }

    static void put(DynamoDbClient dynamoDb, Map<String, AttributeValue> item) {
        dynamoDb.putItem(put -> put.tableName(DynamoDbLocal.TABLE).item(item));
    }

    static void delete(DynamoDbClient dynamoDb, String id) {
        dynamoDb.deleteItem(delete -> delete.tableName(DynamoDbLocal.TABLE).key(Map.of("id", AttributeValue.fromS(id))));
    }

    /** Text that compresses about as badly as text can: random printable ASCII, quotes and backslashes included. */
    static String randomText(int length, long seed) {
        StringBuilder text = new StringBuilder(length);
        new Random(seed).ints(length, 0x20, 0x7f).forEach(c -> text.append((char) c));
        return text.toString();
    }

    /** Every string in a JSON tree, at any depth. */
    static List<String> strings(JsonNode node) {
        return node.isTextual() ? List.of(node.textValue())
                : node.valueStream().flatMap(child -> strings(child).stream()).toList();
    }
}
