package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
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

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{\"a\": \"plain text\", \"mail\": \"someone@example.com\"}",
            "{\"a\": \"@content:dynamodb:tabl\"}",
            "{\"a\": \"@content:dynamodb:tab",
            "@",
            "{\"path\": \"C:\\\\temp\", \"tab\": \"\\t\"}" })
    void letsThroughTextsThatCannotHoldOne(String json) {
        assertFalse(ContentReference.mayOccurIn(bytes(json)), json);
    }
}
