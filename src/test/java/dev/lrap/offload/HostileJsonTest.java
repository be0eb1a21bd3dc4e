package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static dev.lrap.offload.OffloadTesting.withOverlong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.lrap.proxy.EventRejectedException;
import dev.lrap.proxy.InvocationContext;
import dev.lrap.testing.CapturedLogs;

/**
 * JSON that Jackson's default limits refuse, and bytes it reads leniently: an event holding a reference is resolved
 * or fails, never passes with the reference in it; a response keeps the budget at any depth Lambda can deliver, and
 * the bytes of everything that does not move.
 */
class HostileJsonTest {

    private static final String VALUE = "the stored value ".repeat(400);

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.withSettings(Map.of());

    private static String reference;

    @BeforeAll
    static void storeAValue() {
        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("value", VALUE));
        reference = json(TABLE.transformer().transformResponse(response, invocation())).get("value").textValue();
        recordId(TextNode.valueOf(reference));
    }

    @Test
    void referenceDeeperThanAThousandLevelsIsResolved() {
        String event = "[".repeat(5_000) + "\"" + reference + "\"" + "]".repeat(5_000);

        JsonNode resolved = json(TABLE.transformer().transformEvent(bytes(event), invocation()));

        assertEquals(VALUE, descend(resolved, 5_000, node -> node.get(0)).textValue());
    }

    @Test
    void referenceBesideALongFieldNameIsResolved() {
        String name = "n".repeat(50_000);

        JsonNode resolved = json(TABLE.transformer().transformEvent(bytes("{\"" + name + "\": 1, \"input\": \"" + reference + "\"}"), invocation()));

        assertEquals(VALUE, resolved.get("input").textValue());
        assertEquals(1, resolved.get(name).intValue());
    }

    @Test
    void referenceBesideALongNumberIsResolvedAndTheNumberKeepsEveryDigit() {
        String number = "1" + "0".repeat(1_000) + ".50";
        byte[] event = bytes("{\"n\": " + number + ", \"input\": \"" + reference + "\"}");

        byte[] resolved = TABLE.transformer().transformEvent(event, invocation());

        assertTrue(new String(resolved, StandardCharsets.UTF_8).startsWith("{\"n\": " + number + ", \"input\": \"the stored"));
    }

    @Test
    void eventWithAReferenceAndInvalidUtf8InABodyFails() {
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        event.writeBytes(bytes("{\"input\": \"" + reference + "\", \"body\": \"{\\\"text\\\": \\\"caf"));
        event.write(0xff);
        event.writeBytes(bytes("\\\"}\"}"));

        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> TABLE.transformer().transformEvent(event.toByteArray(), invocation()));

        assertEquals("Lrap.ContentResolutionFailed", rejection.errorType());
        assertTrue(rejection.getMessage().contains("not JSON in UTF-8"), rejection.getMessage());
    }

    @Test
    void referenceBesideALoneSurrogateInAJsonTextIsResolved() throws Exception {
        // the string holds ["\ud800", "<reference>"] with the surrogate itself in it, which UTF-8 cannot carry
        byte[] event = bytes("{\"body\": \"[\\\"\\ud800\\\", \\\"" + reference + "\\\"]\"}");

        String resolved = json(TABLE.transformer().transformEvent(event, invocation())).get("body").textValue();

        JsonNode body = OffloadTesting.MAPPER.readTree(resolved);

        assertEquals("\ud800", body.get(0).textValue());
        assertEquals(VALUE, body.get(1).textValue());
    }

    @ParameterizedTest
    @CsvSource({ "0, C1 80", "0, E0 81 80", "1, C1 A3", "8, E0 80 BA" })
    void referenceWithACharacterSpelledOverlongIsResolved(int position, String overlong) {
        // not UTF-8, but Jackson, as the Java runtimes read events, decodes it as the reference
        JsonNode resolved = json(TABLE.transformer().transformEvent(withOverlong(reference, position, overlong), invocation()));

        assertEquals(VALUE, resolved.get("input").textValue());
    }

    @Test
    void textThatIsNotJsonWithAnOverlongAtPassesUnchanged() {
        // no JSON parser reads it, and only one as lenient as Jackson would decode the overlong @
        byte[] event = withOverlong(reference, 0, "C1 80");
        event[0] = '<';

        assertSame(event, TABLE.transformer().transformEvent(event, invocation()));
    }

    @Test
    void eventInUtf16OfATenantPassesUnchanged() {
        // Jackson reads JSON in UTF-16 too; a tenant's event is always parsed, whatever it holds
        byte[] event = "{\"text\": \"plain\"}".getBytes(StandardCharsets.UTF_16LE);
        InvocationContext tenantInvocation = new InvocationContext("tenant-request", OptionalLong.of(System.currentTimeMillis() + 30_000),
                Map.of("Lambda-Runtime-Aws-Tenant-Id", List.of("tenant-a")));

        assertSame(event, TABLE.transformer().transformEvent(event, tenantInvocation));
    }

    @Test
    void eventWithAReferenceDeeperThanLrapReadsFails() {
        int depth = Json.MAX_DEPTH + 1;
        String event = "[".repeat(depth) + "\"" + reference + "\"" + "]".repeat(depth);

        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> TABLE.transformer().transformEvent(bytes(event), invocation()));

        assertTrue(rejection.getMessage().contains("nested deeper than the " + Json.MAX_DEPTH + " levels"), rejection.getMessage());
    }

    @Test
    void overlongUtf8ThatStaysKeepsItsBytes() {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(bytes("{\"kept\": \"A is also "));
        response.write(0xc1);
        response.write(0x81);
        response.writeBytes(bytes("\", \"large\": \"" + "x".repeat(6_000) + "\", \"number\": 1.10e+0}"));

        byte[] offloaded = TABLE.transformer().transformResponse(response.toByteArray(), invocation());

        recordId(json(offloaded).get("large"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes("{\"kept\": \"A is also "));
        expected.write(0xc1);
        expected.write(0x81);
        expected.writeBytes(bytes("\", \"large\": \"" + json(offloaded).get("large").textValue() + "\", \"number\": 1.10e+0}"));
        assertArrayEquals(expected.toByteArray(), offloaded);
    }

    @Test
    void largeStringWithOverlongUtf8Stays() {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(bytes("{\"large\": \"" + "x".repeat(6_000)));
        response.write(0xc1);
        response.write(0x81);
        response.writeBytes(bytes("\"}"));

        assertArrayEquals(response.toByteArray(), TABLE.transformer().transformResponse(response.toByteArray(), invocation()));
    }

    @Test
    void deepResponseKeepsTheBudget() {
        int depth = 20_000;
        String response = "{\"a\":".repeat(depth) + "[\"" + "x".repeat(300_000) + "\"]" + "}".repeat(depth);

        byte[] offloaded = TABLE.transformer().transformResponse(bytes(response), invocation());

        assertTrue(offloaded.length <= 240_000, "still " + offloaded.length + " bytes");
        recordId(descend(json(offloaded), depth, node -> node.get("a")).get(0));
    }

    @Test
    void responseDeeperThanLrapReadsPassesWithAWarning() {
        int depth = Json.MAX_DEPTH + 1;
        byte[] response = bytes("[".repeat(depth) + "\"" + "x".repeat(300_000) + "\"" + "]".repeat(depth));

        try (CapturedLogs logs = CapturedLogs.open()) {
            assertSame(response, TABLE.transformer().transformResponse(response, invocation()));

            assertTrue(logs.lines().stream().anyMatch(line -> line.contains("nested deeper than the " + Json.MAX_DEPTH + " levels")),
                    logs.lines().toString());
        }
    }

    private static JsonNode descend(JsonNode node, int levels, UnaryOperator<JsonNode> step) {
        JsonNode reached = node;
        for (int level = 0; level < levels; level++) {
            reached = step.apply(reached);
        }
        return reached;
    }
}
