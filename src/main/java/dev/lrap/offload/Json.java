package dev.lrap.offload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON reading and writing of the offload. Payloads are never rebuilt from a tree: they are streamed to find
 * their strings, and only the strings that change are written again, so every other byte stays as it came (see
 * {@link JsonPayload}). Strings are written as the original extension's serde_json writes them (raw UTF-8,
 * lower-case hex in escapes), so stored content matches.
 * <p>
 * The parser's limits are chosen for payloads Lambda delivers (6 MB) and resolved events
 * ({@code LRAP_MAX_EVENT_SIZE}), not left at Jackson's defaults, which reject ordinary deep or long documents:
 * <ul>
 * <li>nesting: at most {@value #MAX_DEPTH} levels. The parser keeps one small context object per open level, about
 *     56 bytes, so this bounds them to some 11 MB; a 6 MB payload of brackets could otherwise open 6 million;</li>
 * <li>field names, numbers and strings: no limit beyond the payload's own size. lrap never converts a number, so a
 *     long one costs nothing but its bytes.</li>
 * </ul>
 */
final class Json {

    /** The deepest nesting lrap reads. */
    static final int MAX_DEPTH = 200_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            // lrap writes single strings only, never nested values
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(1).build())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            // surrogate pairs as 4-byte UTF-8 rather than as two escapes; lone surrogates stay escaped, so nothing is lost
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private static final byte[] UTF8_BOM = { (byte) 0xef, (byte) 0xbb, (byte) 0xbf };

    private Json() {
    }

    /**
     * A parser over the JSON text in {@code bytes}, with lrap's limits, that reads the bytes themselves (so it knows
     * where each token lies). Each parser gets a factory of its own: a shared one would keep the field names of every
     * payload it read in its symbol table, however long they are.
     *
     * @throws JsonParseException when the text is in UTF-16 or UTF-32, which Jackson tells from its first bytes and
     *         reads as characters, without the byte offsets lrap splices by
     */
    static JsonParser parser(byte[] bytes) throws IOException {
        JsonParser parser = FACTORY.copy().createParser(bytes);
        if (!(parser instanceof UTF8StreamJsonParser)) {
            parser.close();
            throw new JsonParseException(null, "not JSON in UTF-8");
        }
        return parser;
    }

    /**
     * Whether {@code bytes} are exactly one JSON value in UTF-8, fit to stand inside another JSON text as they are:
     * not led by a byte order mark, which Jackson skips at the start of a text.
     */
    static boolean isValue(byte[] bytes) throws StreamConstraintsException {
        if (bytes.length >= UTF8_BOM.length && Arrays.equals(bytes, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length)) {
            return false;
        }
        try (JsonParser parser = parser(bytes)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (StreamConstraintsException tooDeep) {
            throw tooDeep;
        } catch (IOException notJson) {
            return false;
        }
    }

    /**
     * Whether no string value in the JSON text {@code bytes} is longer than {@code maxUtf8Length} bytes in UTF-8; text
     * that is not JSON holds no string values, text beyond lrap's parser limits may. Streams the text without building
     * anything, which is all most responses need to show that nothing in them moves.
     */
    static boolean stringsWithin(byte[] bytes, int maxUtf8Length) {
        if (literalsWithin(bytes, maxUtf8Length)) {
            return true;
        }
        try (JsonParser parser = parser(bytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING && isLonger(parser, maxUtf8Length)) {
                    return false;
                }
            }
            return true;
        } catch (StreamConstraintsException beyondLimits) {
            return false;
        } catch (IOException notJson) {
            return true;
        }
    }

    /**
     * Whether a scan of the bytes, which decodes nothing, shows every string literal short enough and the nesting
     * within {@link #MAX_DEPTH}; {@code false} when it cannot tell. A literal's UTF-8 length is at most its byte
     * count less what its escapes save (a two-byte escape stands for one byte, a six-byte {@code u} escape for at most
     * three), so a literal within the limit that way is within it for the parser too. It is many times faster than the parser,
     * and most responses hold no string near the limit.
     */
    static boolean literalsWithin(byte[] bytes, int maxUtf8Length) {
        int depth = 0;
        for (int i = 0; i < bytes.length; i++) {
            switch (bytes[i]) {
                case '"' -> i = endOfLiteral(bytes, i + 1, maxUtf8Length);
                case '{', '[' -> depth++;
                case '}', ']' -> depth--;
                default -> {
                    continue;
                }
            }
            if (i < 0 || depth > MAX_DEPTH) {
                return false;
            }
        }
        return true;
    }

    /** The index of the quote that closes the literal whose text starts at {@code start}, or -1 when it may be too long. */
    private static int endOfLiteral(byte[] bytes, int start, int maxUtf8Length) {
        int length = 0;
        for (int i = start; i < bytes.length; ) {
            int next = ByteScan.indexOfAny(bytes, i, bytes.length, (byte) '"', (byte) '\\', (byte) '\\', (byte) '\\');
            length += next - i;
            if (length > maxUtf8Length || next == bytes.length) {
                return -1;
            }
            if (bytes[next] == '"') {
                return next;
            }
            boolean unicode = next + 1 < bytes.length && bytes[next + 1] == 'u';
            i = next + (unicode ? 6 : 2);
            length += unicode ? 3 : 1;
        }
        return -1;
    }

    private static boolean isLonger(JsonParser string, int maxUtf8Length) throws IOException {
        int chars = string.getTextLength();
        // a char takes at most 3 bytes in UTF-8 (a surrogate pair, 2 chars, takes 4); the parser's own buffer is
        // measured, so no String is made of a string that stays where it is
        return chars > maxUtf8Length / 3
                && Utf8.length(CharBuffer.wrap(string.getTextCharacters(), string.getTextOffset(), chars)) > maxUtf8Length;
    }

    /** The string that {@code json} is, when it is one JSON string and nothing else. */
    static Optional<String> stringIn(byte[] json) {
        try (JsonParser parser = parser(json)) {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return Optional.empty();
            }
            String value = parser.getText();
            return parser.nextToken() == null ? Optional.of(value) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /**
     * The UTF-8 bytes of the JSON text a string holds. A lone surrogate, which UTF-8 cannot carry, goes as its
     * <code>&#92;u</code> escape: valid JSON has one only inside a string literal, where the escape stands for the
     * same character. Empty when a backslash escapes it, which valid JSON never has.
     */
    static Optional<byte[]> utf8(String text) {
        StringBuilder escaped = null;
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                if (followsEscapingBackslash(text, i)) {
                    return Optional.empty();
                }
                escaped = escaped != null ? escaped : new StringBuilder(text.length() + 16);
                escaped.append(text, copied, i).append("\\u%04x".formatted((int) c));
                copied = i + 1;
            }
        }
        String encodable = escaped == null ? text : escaped.append(text, copied, text.length()).toString();
        return Optional.of(encodable.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the character at {@code i} follows an odd run of backslashes, the last of which escapes it. */
    private static boolean followsEscapingBackslash(String text, int i) {
        int backslashes = 0;
        while (i - backslashes > 0 && text.charAt(i - backslashes - 1) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The string a JSON string literal (quotes included) stands for. */
    static String stringValue(byte[] bytes, int start, int end) {
        try (JsonParser parser = FACTORY.copy().createParser(bytes, start, end - start)) {
            parser.nextToken();
            return parser.getText();
        } catch (IOException e) {
            throw new IllegalStateException("not a string literal at " + start, e);
        }
    }

    /** The JSON string literal of {@code text}, with quotes and escapes, in UTF-8. */
    static byte[] literal(String text) {
        try {
            return MAPPER.writeValueAsBytes(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON string literal of {@code text}, as text. */
    static String literalText(String text) {
        return new String(literal(text), StandardCharsets.UTF_8);
    }

    /**
     * The size in bytes of {@link #literal} of {@code text}, counted without writing it: quotes, the text in UTF-8,
     * and escapes for quotes, backslashes and control characters.
     */
    static long literalLength(String text) {
        long escapes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                escapes += 1;
            } else if (c < 0x20) {
                escapes += 5;
            }
        }
        return 2 + Utf8.length(text) + escapes;
    }
}
