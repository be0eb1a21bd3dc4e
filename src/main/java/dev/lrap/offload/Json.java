package dev.lrap.offload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads and writes payloads as Jackson trees without losing what a function meant: numbers keep their precision
 * ({@code 1.10} stays {@code 1.10}), trailing garbage makes a payload non-JSON, and text is written as the original
 * extension's serde_json writes it (raw UTF-8, lower-case hex in escapes), so stored content matches.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            // surrogate pairs as 4-byte UTF-8 rather than as two escapes; lone surrogates stay escaped, so nothing is lost
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {
    }

    /** The JSON value in {@code bytes}, or empty when they are not exactly one JSON value. */
    static Optional<JsonNode> parse(byte[] bytes) {
        try {
            return present(MAPPER.readTree(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JSON value in {@code text}, or empty when it is not exactly one JSON value. */
    static Optional<JsonNode> parse(String text) {
        try {
            return present(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether no string value in the JSON text {@code bytes} is longer than {@code maxUtf8Length} bytes in UTF-8; text
     * that is not JSON holds no string values. Streams the text without building a tree, which is all most responses
     * need to show that nothing in them moves.
     */
    static boolean stringsWithin(byte[] bytes, int maxUtf8Length) {
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING && isLonger(parser, maxUtf8Length)) {
                    return false;
                }
            }
            return true;
        } catch (IOException notJson) {
            return true;
        }
    }

    private static boolean isLonger(JsonParser string, int maxUtf8Length) throws IOException {
        int chars = string.getTextLength();
        // a char takes at most 3 bytes in UTF-8 (a surrogate pair, 2 chars, takes 4)
        return chars > maxUtf8Length / 3 && Utf8.length(string.getText()) > maxUtf8Length;
    }

    /** The original's rule for stored content: the value it holds as JSON, else the text itself. */
    static JsonNode parseOrText(String content) {
        return parse(content).orElseGet(() -> TextNode.valueOf(content));
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON text of a value; for a string, its literal with quotes and escapes. */
    static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    private static Optional<JsonNode> present(JsonNode node) {
        // Jackson reads empty or blank input as a "missing" node rather than failing
        return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }
}
