package dev.lrap.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One metrics document per invocation lrap changed or failed, written when the invocation is over for lrap. */
class InvocationMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final PrintStream originalStdout = System.out;
    private final InvocationMetrics metrics = new InvocationMetrics(new MetricsDocuments(new Settings(true)));

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(originalStdout);
    }

    @Test
    void anInvocationIsReportedOnceItIsOver() throws IOException {
        metrics.resolved("first", 2, 300);
        metrics.offloaded("first", 1, 7000);
        assertEquals(List.of(), documents());

        metrics.finished("first");

        List<JsonNode> documents = documents();
        assertEquals(1, documents.size());
        JsonNode document = documents.get(0);
        assertEquals("first", document.path("requestId").asText());
        assertEquals(2, document.path("ResolvedReferences").asInt());
        assertEquals(300, document.path("ResolvedBytes").asInt());
        assertEquals(1, document.path("OffloadedValues").asInt());
        assertEquals(7000, document.path("OffloadedBytes").asInt());
        assertEquals("lrap", document.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText());
        assertEquals("my-function", document.path("FunctionName").asText());
    }

    @Test
    void aPassthroughIsNotReported() throws IOException {
        metrics.transformed("quiet", 1_000_000);
        metrics.finished("quiet");
        metrics.finished("untouched");

        assertEquals(List.of(), documents());
    }

    @Test
    void anInvocationStillOpenAtShutdownIsReportedThen() throws IOException {
        // its function timed out after lrap had resolved its event: no response or error is ever relayed
        metrics.resolved("timed-out", 1, 10);

        metrics.onShutdown(null);

        List<JsonNode> documents = documents();
        assertEquals(1, documents.size());
        assertEquals("timed-out", documents.get(0).path("requestId").asText());
    }

    @Test
    void noDocumentWhenMetricsAreOff() throws IOException {
        InvocationMetrics off = new InvocationMetrics(new MetricsDocuments(new Settings(false)));
        off.storeFailed("failed", new IllegalStateException());
        off.finished("failed");

        assertEquals(List.of(), documents());
    }

    @Test
    void aFailureIsReportedWithItsReasonAtWarn() throws IOException {
        metrics.storeFailed("failed", new IllegalStateException("cannot store", new TimeoutException()));
        metrics.finished("failed");

        JsonNode document = documents().get(0);
        assertEquals(1, document.path("StoreFailures").asInt());
        assertEquals("OutOfTime", document.path("FailureReason").asText());
        assertEquals("WARN", document.path("level").asText());
    }

    @Test
    void aTransformThatOutlivesItsInvocationCountsNothing() throws IOException {
        // the response went on unchanged for lack of time, while the transform was still waiting for DynamoDB
        metrics.storeFailed("late", new TimeoutException("the transform did not finish"));
        metrics.finished("late");
        // then the transform gives up too, or stores after all: its result is discarded, and so are its counts
        metrics.dynamoDbCalled("late", 1_000_000);
        metrics.storeFailed("late", new IllegalStateException("cannot store", new TimeoutException()));
        metrics.offloaded("late", 1, 7000);
        metrics.transformed("late", 1_000_000);

        metrics.onShutdown(null);

        List<JsonNode> documents = documents();
        assertEquals(1, documents.size(), "no second document at shutdown");
        assertEquals(1, documents.get(0).path("StoreFailures").asInt());
        assertEquals(0, documents.get(0).path("OffloadedValues").asInt());
    }

    private List<JsonNode> documents() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.startsWith("{\"_aws\"")) {
                documents.add(JSON.readTree(line));
            }
        }
        return documents;
    }

    private record Settings(boolean enabled) implements MetricsConfig {

        @Override
        public String namespace() {
            return "lrap";
        }

        @Override
        public Optional<String> functionName() {
            return Optional.of("my-function");
        }
    }
}
