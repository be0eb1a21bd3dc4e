package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.withOverlong;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte scan that lets events without references skip parsing finds a reference however JSON spells it, and only
 * lets through texts that cannot hold one.
 */
class ReferenceScanTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\": \"@content:dynamodb:table:record-1\"}",
            "[\"@content:dynamodb:table:\"]",
            // the same reference with its first character, or any other, escaped
            "{\"a\": \"\\u0040content:dynamodb:table:record-1\"}",
            "{\"a\": \"@content:dynamodb:t\\u0061ble:record-1\"}",
            // inside an API Gateway body, a JSON text within a string
            "{\"body\": \"{\\\"a\\\": \\\"@content:dynamodb:table:record-1\\\"}\"}",
            "{\"body\": \"{\\\"a\\\": \\\"\\\\u0040content:dynamodb:table:record-1\\\"}\"}" })
    void findsEverySpellingOfAReference(String json) {
        assertTrue(ContentReference.mayOccurIn(bytes(json)), json);
    }

    /** A character of the prefix, its position, in an overlong form: not UTF-8, but Jackson decodes it as the character. */
    @ParameterizedTest
    @CsvSource({ "0, C1 80", "0, E0 81 80", "1, C1 A3", "8, E0 80 BA" })
    void findsAReferenceWithACharacterSpelledOverlong(int position, String overlong) {
        assertTrue(ContentReference.mayOccurIn(withOverlong("@content:dynamodb:table:record-1", position, overlong)), overlong);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            // well-formed UTF-8 with the byte 80 that ends an overlong @: E2 80 9D, E0 A0 80 and C4 80
            "{\"a\": \"\u201d \u0800 \u0100\"}",
            "{\"a\": \"plain text\", \"mail\": \"someone@example.com\"}",
            "{\"a\": \"@content:dynamodb:tabl\"}",
            "{\"a\": \"@content:dynamodb:tab",
            "@",
            "{\"path\": \"C:\\\\temp\", \"tab\": \"\\t\"}" })
    void letsThroughTextsThatCannotHoldOne(String json) {
        assertFalse(ContentReference.mayOccurIn(bytes(json)), json);
    }
}
