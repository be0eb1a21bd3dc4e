package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The byte scan that clears most responses without the parser never clears one the parser would not: whenever it
 * answers that every string is within the limit, every decoded string is, and when it cannot tell, it says so.
 */
class LiteralScanTest {

    private static final ObjectMapper RAW_UTF8 = JsonMapper.builder().build();
    /** Escapes every character outside ASCII, lone surrogates included, as {@code \\u} escapes. */
    private static final ObjectMapper ASCII_ONLY = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Property(tries = 500)
    void neverClearsAStringLongerThanTheLimit(@ForAll String text, @ForAll @IntRange(max = 60) int limit,
            @ForAll boolean escapeNonAscii) throws JsonProcessingException {
        // UTF-8 cannot carry a lone surrogate; escaped, it can travel
        Assume.that(escapeNonAscii || text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
        byte[] json = (escapeNonAscii ? ASCII_ONLY : RAW_UTF8).writeValueAsBytes(new String[] { text });
        if (Json.literalsWithin(json, limit)) {
            assertTrue(Utf8.length(text) <= limit, "cleared a string of " + Utf8.length(text) + " bytes at " + limit);
        }
    }

    /** Without escapes a literal's bytes are its UTF-8 length, and the scan decides exactly: it never gives up early. */
    @Property(tries = 300)
    void decidesStringsWithoutEscapesExactly(@ForAll("unescaped") String text, @ForAll @IntRange(max = 60) int limit) {
        byte[] json = ("[\"" + text + "\", 1]").getBytes(StandardCharsets.UTF_8);
        assertEquals(Utf8.length(text) <= limit, Json.literalsWithin(json, limit), text);
    }

    @Provide
    Arbitrary<String> unescaped() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00e0', '\u00ff').withChars('\u4e16')
                .excludeChars('"', '\\').ofMaxLength(70);
    }

    @Test
    void decidesPlainDocumentsAlone() {
        assertTrue(Json.literalsWithin(bytes("{\"a\": \"12345\", \"b\": [\"\\n\\t\\\"\"]}"), 5));
        assertFalse(Json.literalsWithin(bytes("{\"a\": \"123456\"}"), 5));
    }

    @Test
    void leavesALongFieldNameToTheParser() {
        byte[] json = bytes("{\"a very long field name\": 1}");
        assertFalse(Json.literalsWithin(json, 3));
        assertTrue(Json.stringsWithin(json, 3));
    }

    @Test
    void leavesNestingDeeperThanLrapReadsToTheParser() {
        byte[] json = ("[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1)).getBytes(StandardCharsets.US_ASCII);
        assertFalse(Json.literalsWithin(json, 10));
        assertFalse(Json.stringsWithin(json, 10));
    }

    @Test
    void cannotTellAnUnclosedString() {
        assertFalse(Json.literalsWithin(bytes("[\"abc"), 10));
    }
}
