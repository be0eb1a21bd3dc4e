package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The streaming check that lets responses skip the tree measures string values as {@code MAX_CONTENT_SIZE} does: in
 * UTF-8 bytes of the decoded value, escapes undone, field names not counted.
 */
class StringLimitScanTest {

    @ParameterizedTest(name = "{0} within {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\": \"12345\"}                 | 5 | true",
            "{\"a\": \"123456\"}                | 5 | false",
            "[\"€€\"]                           | 6 | true",
            "[\"€€\"]                           | 5 | false",
            "[\"\\u20ac\\u20ac\"]               | 6 | true",
            "[\"\\u20ac\\u20ac\"]               | 5 | false",
            "[\"😀\"]                           | 4 | true",
            "[\"😀\"]                           | 3 | false",
            "{\"a very long field name\": 1}    | 3 | true",
            "{\"nested\": [{\"b\": \"123456\"}]} | 5 | false",
            "not JSON at all, and long          | 3 | true" })
    void measuresStringValuesInUtf8(String json, int limit, boolean within) {
        assertEquals(within, Json.stringsWithin(bytes(json.strip()), limit));
    }
}
