package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * A whole environment's life in Lambda's JSON log format: start-up, a response offloaded, a reference resolved, one
 * that cannot be, a payload lrap leaves alone, and SHUTDOWN. Every line lrap writes is one JSON object with the
 * fields of Lambda's own JSON logs, and each invocation lrap changed or failed has one metrics document whose numbers
 * are that invocation's.
 */
class JsonLogsIT {

    /** A field of 20,000 bytes, stored as its JSON text: 20,002 bytes with its quotes. */
    private static final int LARGE = 20_000;
    private static final long STORED_BYTES = LARGE + 2;

    @RegisterExtension
    static final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class).with("AWS_LAMBDA_LOG_FORMAT", "JSON").build();

    private static InvocationResult offload;
    private static InvocationResult resolve;
    private static InvocationResult unresolvable;
    private static InvocationResult passthrough;
    private static List<JsonNode> lines;

    @BeforeAll
    static void liveAnEnvironmentsLife() {
        offload = echo.invoke("{\"page\":\"" + "a".repeat(LARGE) + "\"}");
        String reference = Documents.json(offload).get("page").textValue();
        resolve = echo.invoke("{\"page\":\"" + reference + "\"}");
        unresolvable = echo.invoke("{\"page\":\"@content:dynamodb:table:record-" + UUID.randomUUID() + "\"}");
        passthrough = echo.invoke("{\"small\":1}");
        echo.lrapExit();
        lines = LogLines.parse(echo.lrap().output());
    }

    @Test
    void theInvocationsWentAsExpected() {
        assertEquals(Outcome.RESPONSE, offload.outcome());
        assertEquals(Outcome.RESPONSE, resolve.outcome());
        assertEquals(Outcome.FUNCTION_ERROR, unresolvable.outcome());
        assertEquals("Lrap.ContentResolutionFailed", Documents.json(unresolvable).get("errorType").textValue());
        assertEquals(Outcome.RESPONSE, passthrough.outcome());
    }

    @Test
    void startUpAndShutdownAreLoggedAsJson() {
        assertTrue(messages().anyMatch(message -> message.startsWith("Registered with the Extensions API")), this::output);
        assertTrue(messages().anyMatch(message -> message.equals("Shutting down after relaying 4 invocations: 1 values "
                + "offloaded (20002 bytes), 1 references resolved (20002 bytes), 0 store failures, 1 resolution failures")),
                this::output);
    }

    @Test
    void theResolutionFailureIsOneLineWithItsRequestId() {
        List<JsonNode> failure = lines.stream()
                .filter(line -> line.path("message").asText().contains("fails before reaching the handler")).toList();
        assertEquals(1, failure.size(), this::output);
        assertEquals("ERROR", failure.get(0).path("level").asText());
        assertEquals(unresolvable.requestId(), failure.get(0).path("requestId").asText());
    }

    @Test
    void everyLineAboutAnInvocationCarriesItsRequestId() {
        for (InvocationResult invocation : List.of(offload, resolve, unresolvable, passthrough)) {
            lines.stream().filter(line -> line.path("message").asText().contains(invocation.requestId()))
                    .forEach(line -> assertEquals(invocation.requestId(), line.path("requestId").asText(), line::toString));
        }
    }

    @Test
    void everyMetricsDocumentFollowsTheEmbeddedMetricFormat() {
        Schema schema = emfSchema();
        List<JsonNode> documents = LogLines.metricDocuments(lines);
        assertEquals(3, documents.size(), this::output);
        for (JsonNode document : documents) {
            List<Error> errors = schema.validate(document.toString(), InputFormat.JSON);
            assertTrue(errors.isEmpty(), () -> errors + " in " + document);
            JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
            assertEquals("lrap", directive.path("Namespace").asText());
            assertEquals("[[\"FunctionName\"]]", directive.path("Dimensions").toString());
            assertEquals("Echo", document.path("FunctionName").asText());
            // the specification's rule beside the schema: every metric a directive names is a member of the document
            directive.path("Metrics").forEach(metric -> assertTrue(document.path(metric.path("Name").asText()).isNumber(),
                    () -> metric + " has no value in " + document));
            assertEquals(Set.of("OffloadedValues", "OffloadedBytes", "ResolvedReferences", "ResolvedBytes", "StoreFailures",
                    "ResolutionFailures", "DynamoDbTime", "TransformTime"), names(directive.path("Metrics")));
        }
    }

    @Test
    void anOffloadIsCountedInItsInvocationsDocument() {
        JsonNode document = documentOf(offload);
        assertCounts(document, 1, STORED_BYTES, 0, 0, 0, 0);
        assertDynamoDbTimeWithinTransformTime(document);
        assertEquals("INFO", document.path("level").asText());
    }

    @Test
    void aResolutionIsCountedInItsInvocationsDocument() {
        // the response echoes the resolved content, which goes back to the record it came from without a new write
        JsonNode document = documentOf(resolve);
        assertCounts(document, 0, 0, 1, STORED_BYTES, 0, 0);
        assertDynamoDbTimeWithinTransformTime(document);
    }

    @Test
    void aResolutionFailureIsCountedWithItsReason() {
        JsonNode document = documentOf(unresolvable);
        assertCounts(document, 0, 0, 0, 0, 0, 1);
        assertEquals("ContentUnavailable", document.path("FailureReason").asText());
        assertEquals("WARN", document.path("level").asText());
        assertDynamoDbTimeWithinTransformTime(document);
    }

    @Test
    void aPayloadLeftAloneHasNoDocument() {
        assertTrue(LogLines.metricDocuments(lines).stream()
                .noneMatch(document -> document.path("requestId").asText().equals(passthrough.requestId())), this::output);
    }

    private static JsonNode documentOf(InvocationResult invocation) {
        Map<String, JsonNode> byRequest = LogLines.metricDocuments(lines).stream()
                .collect(Collectors.toMap(document -> document.path("requestId").asText(), Function.identity()));
        JsonNode document = byRequest.get(invocation.requestId());
        assertTrue(document != null, () -> "no metrics document for " + invocation.requestId() + " among " + byRequest.values());
        return document;
    }

    private static void assertCounts(JsonNode document, long offloadedValues, long offloadedBytes, long resolvedReferences,
            long resolvedBytes, long storeFailures, long resolutionFailures) {
        assertEquals(List.of(offloadedValues, offloadedBytes, resolvedReferences, resolvedBytes, storeFailures, resolutionFailures),
                List.of("OffloadedValues", "OffloadedBytes", "ResolvedReferences", "ResolvedBytes", "StoreFailures",
                        "ResolutionFailures").stream().map(name -> document.path(name).asLong(-1)).toList(),
                document::toString);
    }

    /** lrap called DynamoDB for the invocation, while it transformed the payload. */
    private static void assertDynamoDbTimeWithinTransformTime(JsonNode document) {
        double dynamoDb = document.path("DynamoDbTime").asDouble();
        double transform = document.path("TransformTime").asDouble();
        assertTrue(dynamoDb > 0 && dynamoDb <= transform, document::toString);
    }

    private static Set<String> names(JsonNode metrics) {
        return StreamSupport.stream(metrics.spliterator(), false).map(metric -> metric.path("Name").asText())
                .collect(Collectors.toSet());
    }

    private static Schema emfSchema() {
        try (InputStream schema = JsonLogsIT.class.getResourceAsStream("/emf/emf-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.util.stream.Stream<String> messages() {
        return lines.stream().map(line -> line.path("message").asText());
    }

    private String output() {
        return echo.lrap().output();
    }
}
