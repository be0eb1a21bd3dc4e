package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * For any JSON document, resolving what offloading made of it gives the document back. Runs without Quarkus, on
 * DynamoDB Local, with thresholds small enough that both the per-field and the payload budget pass take part.
 */
class RoundTripPropertyTest {

    private static final int MAX_CONTENT_SIZE = 200;
    private static final int MAX_PAYLOAD_SIZE = 1_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** As lrap writes strings: surrogate pairs as UTF-8, not as {@code \\u} escapes. */
    private static final ObjectWriter PRETTY = OffloadTesting.MAPPER.writerWithDefaultPrettyPrinter();

    /** Characters that JSON escapes, that take 2, 3 and 4 bytes in UTF-8 (surrogate pairs in Java), and plain ones. */
    private static final List<String> CHARACTERS = List.of("a", "Z", "0", " ", "/", "\"", "\\", "\n", "\t", "\r", "\b",
            "\f", "\u0000", "\u0001", "\u001f", "\u007f", "é", "ß", "€", "中", "\u2028", "\uffff", "😀", "𝄞", "🏳️‍🌈");

    private static DynamoDbLocal dynamoDbLocal;
    private static DynamoDbClient dynamoDb;
    private static OffloadTransformer transformer;

    @BeforeContainer
    static void startDynamoDb() {
        dynamoDbLocal = DynamoDbLocal.start();
        dynamoDb = DynamoDbLocal.client(dynamoDbLocal.endpoint());
        transformer = OffloadTesting.transformer(dynamoDb, Map.of("MAX_CONTENT_SIZE", Integer.toString(MAX_CONTENT_SIZE),
                "LRAP_MAX_PAYLOAD_SIZE", Integer.toString(MAX_PAYLOAD_SIZE)));
    }

    @AfterContainer
    static void stopDynamoDb() {
        dynamoDb.close();
        dynamoDbLocal.close();
    }

    // jqwik's edge cases are mostly trivial documents, without a string to offload
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(onFailureOnly = true)
    void resolvingUndoesOffloading(@ForAll("documents") JsonNode document, @ForAll boolean pretty) {
        byte[] response = write(document, pretty);

        byte[] offloaded = transformer.transformResponse(response, invocation());

        assertEquals(json(response), json(transformer.transformEvent(offloaded, invocation())));
        long large = OffloadTesting.strings(document).stream().filter(text -> Utf8.length(text) > MAX_CONTENT_SIZE).count();
        long references = OffloadTesting.strings(json(offloaded)).stream().filter(ContentReference::isReference).count();
        Statistics.label("per-field pass").collect(large > 0);
        Statistics.label("budget pass").collect(references > large);
        Statistics.label("per-field pass").coverage(coverage -> coverage.check(true).percentage(p -> p > 50));
        Statistics.label("budget pass").coverage(coverage -> coverage.check(true).percentage(p -> p > 25));
    }

    @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
    void resolvingUndoesOffloadingInsideApiGatewayBodies(@ForAll("documents") JsonNode body) {
        ObjectNode response = NODES.objectNode().put("statusCode", 200).put("body", OffloadTesting.text(body));

        byte[] offloaded = transformer.transformResponse(OffloadTesting.bytes(response), invocation());

        JsonNode resolved = json(transformer.transformEvent(offloaded, invocation()));
        assertEquals(json(OffloadTesting.bytes(body)), json(resolved.get("body").textValue()));
    }

    @Property(tries = 100)
    void payloadsWithoutLargeStringsPassAsTheSameBytes(@ForAll("documents") JsonNode document, @ForAll boolean pretty) {
        byte[] response = write(document, pretty);
        Assume.that(response.length <= MAX_PAYLOAD_SIZE
                && OffloadTesting.strings(document).stream().allMatch(text -> Utf8.length(text) <= MAX_CONTENT_SIZE));

        assertSame(response, transformer.transformResponse(response, invocation()));
        assertSame(response, transformer.transformEvent(response, invocation()));
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void onlyPayloadsThatWouldPassUnchangedAreLeftAlone(@ForAll("documents") JsonNode document, @ForAll boolean pretty) {
        byte[] response = write(document, pretty);
        boolean responseLeftAlone = transformer.leavesResponseAlone(response);

        byte[] offloaded = transformer.transformResponse(response, invocation());

        if (responseLeftAlone) {
            assertSame(response, offloaded);
        }
        boolean holdsReferences = OffloadTesting.strings(json(offloaded)).stream().anyMatch(ContentReference::isReference);
        assertFalse(holdsReferences && transformer.leavesEventAlone(offloaded));
    }

    // the documents that must be left alone both ways, made on purpose rather than met by chance
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void smallPlainPayloadsAreLeftAloneBothWays(@ForAll("smallPlainDocuments") JsonNode document, @ForAll boolean pretty) {
        byte[] payload = write(document, pretty);

        assertTrue(transformer.leavesResponseAlone(payload), () -> new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(transformer.leavesEventAlone(payload));
    }

    /** Objects within both limits whose characters JSON writes without a {@code \\u} escape, which could spell a reference. */
    @Provide
    Arbitrary<JsonNode> smallPlainDocuments() {
        Arbitrary<String> plain = Arbitraries.of(CHARACTERS.stream().filter(c -> c.charAt(0) >= 0x20 || "\n\t\r\b\f".contains(c)).toList())
                .list().ofMaxSize(20).map(characters -> String.join("", characters));
        return Arbitraries.maps(plain, plain.map(NODES::textNode)).ofMaxSize(8).map(fields -> {
            ObjectNode object = NODES.objectNode();
            fields.forEach(object::set);
            return object;
        });
    }

    @Provide
    Arbitrary<JsonNode> documents() {
        return Arbitraries.oneOf(objects(3), arrays(3));
    }

    private Arbitrary<JsonNode> values(int depth) {
        return depth == 0 ? scalars() : Arbitraries.frequencyOf(
                Tuple.of(3, scalars()), Tuple.of(1, objects(depth)), Tuple.of(1, arrays(depth)));
    }

    private Arbitrary<JsonNode> objects(int depth) {
        return Arbitraries.maps(strings(12), values(depth - 1)).ofMinSize(1).ofMaxSize(8).withSizeDistribution(RandomDistribution.uniform()).map(fields -> {
            ObjectNode object = NODES.objectNode();
            fields.forEach(object::set);
            return object;
        });
    }

    private Arbitrary<JsonNode> arrays(int depth) {
        return values(depth - 1).list().ofMaxSize(8).withSizeDistribution(RandomDistribution.uniform()).map(elements -> {
            ArrayNode array = NODES.arrayNode();
            elements.forEach(array::add);
            return array;
        });
    }

    private Arbitrary<JsonNode> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, strings(150).map(NODES::textNode)),
                Tuple.of(1, Arbitraries.longs().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1e9), BigDecimal.valueOf(1e9)).ofScale(3).map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
    }

    /** Strings of up to {@code maxCharacters} characters of 1 to 14 bytes, around the threshold of 200 bytes. */
    private Arbitrary<String> strings(int maxCharacters) {
        return Arbitraries.of(CHARACTERS).list().ofMaxSize(maxCharacters).withSizeDistribution(RandomDistribution.uniform())
                .map(characters -> String.join("", characters));
    }

    private static byte[] write(JsonNode document, boolean pretty) {
        try {
            return pretty ? PRETTY.writeValueAsBytes(document) : OffloadTesting.bytes(document);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
