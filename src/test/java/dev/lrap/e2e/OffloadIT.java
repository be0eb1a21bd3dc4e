package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.lrap.e2e.functions.BigFields;
import dev.lrap.e2e.functions.Echo;
import dev.lrap.e2e.functions.Probe;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The original extension's feature, end to end: large strings leave a function's response for DynamoDB, and the
 * references that replace them turn back into the content in the next function's event. The functions are those of
 * an agent: a tool that returns big documents ({@link BigFields}), and a step that receives them ({@link Probe}), each
 * in its own environment with its own lrap, sharing one table. With lrap's defaults: strings over 5000 bytes move.
 */
class OffloadIT {

    /** A field of 20 KB: four times the default threshold. */
    private static final int LARGE = 20_000;

    @RegisterExtension
    static final LambdaEnvironment tool = LambdaEnvironment.of(BigFields.class).build();

    /** Returns what it is given, so that a test decides the shape of the response. */
    @RegisterExtension
    static final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class).build();

    @RegisterExtension
    static final LambdaEnvironment nextStep = LambdaEnvironment.of(Probe.class).build();

    @Test
    void largeFieldComesBackAsAReference() {
        InvocationResult result = tool.invoke(BigFields.event(1, LARGE));

        assertEquals(Outcome.RESPONSE, result.outcome());
        JsonNode field = Documents.json(result).get("field0");
        assertTrue(Documents.isReference(field), field::toString);
    }

    @Test
    void storedItemHasTheOriginalsFormatAndAnExpiry() {
        long before = Instant.now().getEpochSecond();
        String id = Documents.recordId(Documents.json(tool.invoke(BigFields.event(1, LARGE))).get("field0"));
        long after = Instant.now().getEpochSecond();

        Map<String, AttributeValue> item = tool.contentTable().item(id);

        // the original's item, which it can read too, plus the attribute the table's TTL is set on
        assertEquals(Set.of("id", "content", "timestamp", "expires_at"), item.keySet());
        assertEquals(id, item.get("id").s());
        // the JSON text of the value: for a string, its literal with quotes and escapes
        assertEquals(Documents.text(TextNode.valueOf(BigFields.text(0, LARGE))), item.get("content").s());
        long timestamp = Long.parseLong(item.get("timestamp").n());
        assertTrue(before <= timestamp && timestamp <= after, () -> before + " <= " + timestamp + " <= " + after);
        // lrap's default content TTL: seven days
        assertEquals(timestamp + Duration.ofDays(7).toSeconds(), Long.parseLong(item.get("expires_at").n()));
    }

    @Test
    void referenceInAnEventReachesTheHandlerAsItsContent() {
        assertReferenceBringsBack("page", LARGE);
    }

    @Test
    void stringsInArraysAndNestedObjectsRoundTrip() {
        ObjectNode document = Documents.object();
        document.putArray("pages").add(text("first page")).add("a short string stays").add(text("second page"));
        document.putObject("context").putObject("history").put("transcript", text("transcript"));

        JsonNode offloaded = Documents.json(echo.invoke(Invocation.of(Documents.bytes(document))));

        assertTrue(Documents.isReference(offloaded.at("/pages/0")), offloaded::toString);
        assertEquals("a short string stays", offloaded.at("/pages/1").textValue());
        assertTrue(Documents.isReference(offloaded.at("/pages/2")), offloaded::toString);
        assertTrue(Documents.isReference(offloaded.at("/context/history/transcript")), offloaded::toString);
        assertEquals(Received.event(Documents.bytes(document)), Received.by(nextStep.invoke(Invocation.of(Documents.bytes(offloaded)))));
    }

    @Test
    void apiGatewayResponseBodyRoundTrips() {
        ObjectNode body = Documents.object().put("answer", text("answer"));
        body.putArray("sources").add(text("source"));
        ObjectNode response = Documents.object().put("statusCode", 200).put("body", Documents.text(body));

        JsonNode offloaded = Documents.json(echo.invoke(Invocation.of(Documents.bytes(response))));

        // the body stays a string, of JSON whose large strings are references now
        assertEquals(200, offloaded.get("statusCode").intValue());
        JsonNode offloadedBody = Documents.json(offloaded.get("body").textValue());
        assertTrue(Documents.isReference(offloadedBody.get("answer")), offloaded::toString);
        assertTrue(Documents.isReference(offloadedBody.at("/sources/0")), offloaded::toString);
        assertEquals(Received.event(Documents.bytes(response)), Received.by(nextStep.invoke(Invocation.of(Documents.bytes(offloaded)))));
    }

    @Test
    void oneAndAHalfMegabytesOfRandomTextRoundTrip() {
        assertReferenceBringsBack("file", 1_500_000);
    }

    /** A field of {@code size} bytes that one function returned reaches the next one, through its reference, as it was. */
    private void assertReferenceBringsBack(String field, int size) {
        JsonNode reference = Documents.json(tool.invoke(BigFields.event(1, size))).get("field0");

        InvocationResult report = nextStep.invoke(Invocation.of(Documents.bytes(Documents.object().set(field, reference))));

        assertEquals(Received.event(Documents.bytes(Documents.object().put(field, BigFields.text(0, size)))),
                Received.by(report));
    }

    @Test
    void responseOfSevenMegabytesIsRescuedByOffloading() {
        // seven fields of 1 MB: over Lambda's limit of 6,291,556 bytes, which would answer 413 to the runtime
        InvocationResult result = tool.invoke(BigFields.event(7, 1_000_000));

        assertEquals(Outcome.RESPONSE, result.outcome(), result::bodyAsString);
        assertTrue(result.body().length < 240_000, () -> result.body().length + " bytes");
        JsonNode document = Documents.json(result);
        assertEquals(7, document.size());
        document.forEach(field -> assertTrue(Documents.isReference(field), field::toString));
    }

    @Test
    void itemWrittenByTheOriginalExtensionIsResolved() {
        String content = "Grüße, \"quoted\" \\ ✓ written by the Rust extension";
        String id = "record-" + UUID.randomUUID();
        // the original's PutItem: no expires_at, content the value's JSON text
        nextStep.contentTable().put(Map.of("id", AttributeValue.fromS(id),
                "content", AttributeValue.fromS(Documents.text(TextNode.valueOf(content))),
                "timestamp", AttributeValue.fromN(Long.toString(System.currentTimeMillis() / 1000))));

        InvocationResult report = nextStep.invoke(Invocation.of(Documents.bytes(Documents.object()
                .put("context", Probe.REFERENCE_PREFIX + id))));

        assertEquals(Received.event(Documents.bytes(Documents.object().put("context", content))), Received.by(report));
    }

    /** A string over lrap's threshold, different for every name. */
    private static String text(String name) {
        return (name + ": ").repeat(6000 / name.length());
    }
}
