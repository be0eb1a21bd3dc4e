package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.lrap.e2e.functions.BigFields;
import dev.lrap.e2e.functions.BigFieldsNearDeadline;
import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * lrap never makes a response late. A function with a short timeout answers with several large fields to offload,
 * while the link to DynamoDB is slowed far beyond the invocation's time: the response reaches Lambda whole and
 * unchanged, before the deadline Lambda gave the invocation, and lrap says why it did not store anything. A response
 * that comes with less than {@code LRAP_PROXY_RESPONSE_MARGIN} left is not even looked at: it goes out at once.
 * <p>
 * The margin is two seconds here, twenty times its default, so that forwarding four megabytes on a loaded machine
 * still fits in it; what is tested is that lrap keeps the margin, whatever its size.
 */
class ResponseNearDeadlineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final int FIELDS = 4;
    /** Four fields of a megabyte: lrap parses and plans for a while before it calls DynamoDB. */
    private static final int LARGE_FIELD = 1_000_000;
    /**
     * Still far over {@code MAX_CONTENT_SIZE}, but small enough that the runtime's own posting of it, which the time
     * left includes, takes little of it.
     */
    private static final int FIELD = 50_000;
    /** Far beyond the invocation's time: no DynamoDB call answers before the deadline. */
    private static final Duration DYNAMODB_LATENCY = Duration.ofMinutes(1);
    /** Where lrap logs a response it passes on for lack of time. */
    private static final String RELAY_LOGGER = "dev.lrap.proxy.ResponseTransformation";

    private static final DynamoDbLocal table = DynamoDbLocal.start();
    private static final TableLink tableLink = TableLink.to(table.endpoint());

    @RegisterExtension
    static final LambdaEnvironment tool = LambdaEnvironment.of(BigFieldsNearDeadline.class)
            .functionTimeout(TIMEOUT)
            .with("LRAP_PROXY_RESPONSE_MARGIN", MARGIN.toMillis() + "ms")
            .with("AWS_LAMBDA_LOG_FORMAT", "JSON")
            .dynamoDbAt(tableLink.endpoint())
            .build();

    /** Answered at once: lrap has time to try to store its fields, but DynamoDB does not answer in time. */
    private static InvocationResult storing;
    /** Answered with three quarters of the margin left: no time for lrap's own work. */
    private static InvocationResult late;
    private static List<JsonNode> lines;

    @BeforeAll
    static void answerWhileDynamoDbIsSlow() {
        tableLink.slow(DYNAMODB_LATENCY);
        storing = tool.invoke(BigFieldsNearDeadline.event(FIELDS, LARGE_FIELD, TIMEOUT.toMillis()));
        late = tool.invoke(BigFieldsNearDeadline.event(FIELDS, FIELD, MARGIN.toMillis() * 3 / 4));
        tableLink.restore();
        tool.lrapExit();
        lines = LogLines.parse(tool.lrap().output());
    }

    @AfterAll
    static void stopTable() {
        tableLink.close();
        table.close();
    }

    @Test
    void aResponseThatCannotBeStoredInTimeReachesLambdaWholeBeforeItsDeadline() {
        assertReachedLambdaUnchangedBeforeTheDeadline(storing, LARGE_FIELD);
    }

    @Test
    void lrapSaysItPassedTheResponseOnBecauseItsTransformDidNotFinishInTime() {
        assertEquals(List.of("Invocation " + storing.requestId()
                + ": the transform did not finish before the deadline, response passed on unchanged"),
                relayWarningsAbout(storing), this::output);
    }

    @Test
    void aResponsePostedWithLessThanTheMarginLeftGoesOutAtOnceUnchanged() {
        assertReachedLambdaUnchangedBeforeTheDeadline(late, FIELD);
        assertEquals(List.of("Invocation " + late.requestId() + ": no time left before the deadline, response passed on unchanged"),
                relayWarningsAbout(late), this::output);
        // it never reached the transformer, so nothing else about it was logged
        assertEquals(List.of(), lines.stream().filter(line -> !line.path("logger").asText().equals(RELAY_LOGGER)
                && !line.has("_aws") && line.path("message").asText().contains(late.requestId())).toList(), this::output);
    }

    @Test
    void everyLineAboutTheseInvocationsCarriesItsRequestId() {
        for (InvocationResult invocation : List.of(storing, late)) {
            lines.stream().filter(line -> line.path("message").asText().contains(invocation.requestId()))
                    .forEach(line -> assertEquals(invocation.requestId(), line.path("requestId").asText(), line::toString));
        }
    }

    @Test
    void eachInvocationHasOneOutOfTimeStoreFailureAndNothingOffloaded() {
        for (InvocationResult invocation : List.of(storing, late)) {
            List<JsonNode> documents = LogLines.metricDocuments(lines).stream()
                    .filter(document -> document.path("requestId").asText().equals(invocation.requestId())).toList();
            assertEquals(1, documents.size(), this::output);
            JsonNode document = documents.get(0);
            assertEquals(List.of(0L, 1L, 0L), List.of(document.path("OffloadedValues").asLong(-1),
                    document.path("StoreFailures").asLong(-1), document.path("ResolutionFailures").asLong(-1)),
                    document::toString);
            assertEquals("OutOfTime", document.path("FailureReason").asText(), document::toString);
        }
    }

    @Test
    void theEnvironmentCountsTwoStoreFailuresAndNoOffload() {
        assertTrue(lines.stream().anyMatch(line -> line.path("message").asText().equals("Shutting down after relaying 2 "
                + "invocations: 0 values offloaded (0 bytes), 0 references resolved (0 bytes), 2 store failures, 0 "
                + "resolution failures")), this::output);
    }

    private static void assertReachedLambdaUnchangedBeforeTheDeadline(InvocationResult result, int fieldBytes) {
        assertEquals(Outcome.RESPONSE, result.outcome(), result::bodyAsString);
        assertArrayEquals(Documents.bytes(bigFields(fieldBytes)), result.body(), "the function's own response, every byte");
        Instant received = result.runtimeRequest().orElseThrow().received();
        Instant deadline = result.deadline().orElseThrow();
        assertTrue(received.isBefore(deadline), () -> "reached Lambda at " + received + ", deadline " + deadline);
    }

    private static ObjectNode bigFields(int fieldBytes) {
        ObjectNode document = Documents.object();
        for (int i = 0; i < FIELDS; i++) {
            document.put("field" + i, BigFields.text(i, fieldBytes));
        }
        return document;
    }

    /** What the relay warned about the invocation: why its response went on as it was. */
    private static List<String> relayWarningsAbout(InvocationResult invocation) {
        return lines.stream().filter(line -> line.path("logger").asText().equals(RELAY_LOGGER)
                && line.path("level").asText().equals("WARN")).map(line -> line.path("message").asText())
                .filter(message -> message.contains(invocation.requestId())).toList();
    }

    private String output() {
        return tool.lrap().output();
    }
}
