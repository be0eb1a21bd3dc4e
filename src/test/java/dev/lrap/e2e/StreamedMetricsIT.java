package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.StreamingRuntime;

/**
 * Streamed invocations in the metrics, with Lambda's JSON log format: a stream is never rewritten, so one full of
 * large strings has no offload to report and no metrics document; a streamed invocation whose event lrap resolved has
 * its document, written when its stream ends, or is cut off, not left open until shutdown; and the environment counts
 * every streamed invocation once. The test plays the runtime, between invocations whose responses lrap offloads.
 */
class StreamedMetricsIT {

    private static final int LARGE = 20_000;
    /** A field of {@link #LARGE} bytes, stored as its JSON text: with its quotes. */
    private static final long STORED_BYTES = LARGE + 2;

    @RegisterExtension
    static final LambdaEnvironment lambda = LambdaEnvironment.of(FunctionRuntime.playedByTest("StreamingRuntime"))
            .with("AWS_LAMBDA_LOG_FORMAT", "JSON").build();

    private static InvocationResult offloaded;
    private static InvocationResult streamedLarge;
    private static InvocationResult streamedResolved;
    private static InvocationResult streamCutOff;
    private static InvocationResult offloadedLast;
    private static List<JsonNode> lines;

    @BeforeAll
    static void relayStreamsBetweenOffloads() throws Exception {
        offloaded = respond(page('a'));
        String reference = Documents.json(offloaded).get("page").textValue();
        streamedLarge = stream("{}", page('b'));
        streamedResolved = stream(pageEvent(reference), "{\"small\":1}".getBytes(StandardCharsets.UTF_8));
        streamCutOff = cutOffStream(pageEvent(reference));
        offloadedLast = respond(page('c'));
        lambda.lrapExit();
        lines = LogLines.parse(lambda.lrap().output());
    }

    @Test
    void theInvocationsWentAsExpected() {
        assertTrue(Documents.isReference(Documents.json(offloaded).get("page")), offloaded::bodyAsString);
        assertEquals(Outcome.RESPONSE, streamedLarge.outcome());
        assertArrayEquals(page('b'), streamedLarge.body(), "a stream is never rewritten");
        assertEquals(Outcome.RESPONSE, streamedResolved.outcome());
        assertEquals(Outcome.RESPONSE_TRUNCATED, streamCutOff.outcome());
        assertTrue(Documents.isReference(Documents.json(offloadedLast).get("page")), offloadedLast::bodyAsString);
    }

    @Test
    void aStreamOfLargeStringsHasNoMetricsDocument() {
        assertEquals(List.of(), documentsOf(streamedLarge), this::output);
    }

    @Test
    void aStreamedInvocationWhoseEventWasResolvedCountsItsResolutionOnlyAtItsEnd() {
        for (InvocationResult streamed : List.of(streamedResolved, streamCutOff)) {
            List<JsonNode> documents = documentsOf(streamed);
            assertEquals(1, documents.size(), this::output);
            JsonNode document = documents.get(0);
            assertEquals(List.of(0L, 0L, 1L, STORED_BYTES, 0L, 0L), List.of("OffloadedValues", "OffloadedBytes",
                    "ResolvedReferences", "ResolvedBytes", "StoreFailures", "ResolutionFailures").stream()
                    .map(name -> document.path(name).asLong(-1)).toList(), document::toString);
        }
    }

    @Test
    void everyDocumentIsWrittenWhenItsInvocationEnds() {
        // an invocation left open would have its document written at shutdown, after those of later invocations
        assertEquals(List.of(offloaded.requestId(), streamedResolved.requestId(), streamCutOff.requestId(),
                offloadedLast.requestId()), LogLines.metricDocuments(lines).stream()
                        .map(document -> document.path("requestId").asText()).toList(), this::output);
    }

    @Test
    void theEnvironmentCountsEveryStreamedInvocationOnce() {
        assertTrue(lines.stream().anyMatch(line -> line.path("message").asText().equals("Shutting down after relaying 5 "
                + "invocations: 2 values offloaded (" + 2 * STORED_BYTES + " bytes), 2 references resolved ("
                + 2 * STORED_BYTES + " bytes), 0 store failures, 0 resolution failures")), this::output);
    }

    private static byte[] page(char letter) {
        return ("{\"page\":\"" + String.valueOf(letter).repeat(LARGE) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String pageEvent(String reference) {
        return "{\"page\":\"" + reference + "\"}";
    }

    /** An invocation whose runtime posts {@code response} whole, as a buffered response. */
    private static InvocationResult respond(byte[] response) throws IOException {
        CompletableFuture<InvocationResult> result = lambda.invokeAsync(Invocation.of("{}"));
        String requestId = StreamedResponseIT.next(lambda);
        try (RawHttp runtime = new RawHttp(StreamedResponseIT.lrapPort(lambda))) {
            runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/" + requestId + "/response HTTP/1.1",
                    "Host: 127.0.0.1", "Content-Type: application/json", "Content-Length: " + response.length), response);
            assertEquals(202, runtime.read().status());
        }
        return result.join();
    }

    /** An invocation of {@code event} whose runtime streams {@code response}. */
    private static InvocationResult stream(String event, byte[] response) throws IOException {
        CompletableFuture<InvocationResult> result = lambda.invokeAsync(Invocation.of(event));
        try (StreamingRuntime runtime = StreamingRuntime.respond(StreamedResponseIT.lrapPort(lambda),
                StreamedResponseIT.next(lambda))) {
            assertEquals(202, runtime.send(response).end(List.of()).answer().status());
        }
        return result.join();
    }

    /** An invocation of {@code event} whose runtime hangs up after the first chunk of its stream. */
    private static InvocationResult cutOffStream(String event) throws IOException {
        CompletableFuture<InvocationResult> result = lambda.invokeAsync(Invocation.of(event));
        try (StreamingRuntime runtime = StreamingRuntime.respond(StreamedResponseIT.lrapPort(lambda),
                StreamedResponseIT.next(lambda))) {
            runtime.send("{\"partial\":".getBytes(StandardCharsets.UTF_8));
        }
        return result.join();
    }

    private static List<JsonNode> documentsOf(InvocationResult invocation) {
        return LogLines.metricDocuments(lines).stream()
                .filter(document -> document.path("requestId").asText().equals(invocation.requestId())).toList();
    }

    private String output() {
        return lambda.lrap().output();
    }
}
