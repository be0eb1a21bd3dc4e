package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.proxy.EventRejectedException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items of a shared table that another writer made, or changed, in ways lrap never writes: the invocation fails
 * with {@code Lrap.ContentResolutionFailed}, or the content reaches the handler as text inside a valid event; the
 * handler never gets a reference as content, nor an event that is no longer JSON in UTF-8.
 */
class TamperedItemsTest {

    private static final String ANOTHER_REFERENCE = ContentReference.to(ContentReference.newId());

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.withSettings(Map.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "\"" + ContentReference.PREFIX + "record-00000000-0000-4000-8000-000000000000\"",
            // text that is not JSON stands as a string: this one is a reference too
            ContentReference.PREFIX + "record-00000000-0000-4000-8000-000000000000",
            "{\"nested\": [\"" + ContentReference.PREFIX + "record-00000000-0000-4000-8000-000000000000\"]}",
            "\"{\\\"inside a JSON text\\\": \\\"\\\\u0040content:dynamodb:table:record-00000000-0000-4000-8000-000000000000\\\"}\"" })
    void contentHoldingAReferenceIsRefused(String content) {
        String id = store(Map.of("content", AttributeValue.fromS(content)));

        assertRefused(id, "holds a reference itself");
    }

    @Test
    void contentMentioningAReferenceInProseIsResolved() {
        String id = store(Map.of("content", AttributeValue.fromS("\"See " + ANOTHER_REFERENCE + " for more.\"")));

        assertEquals("See " + ANOTHER_REFERENCE + " for more.", resolve(id).textValue());
    }

    @Test
    void compressedContentThatIsNotUtf8IsRefused() {
        // Jackson reads an overlong form leniently: spliced into the event as it is, it would break the event
        byte[] overlongA = { '"', (byte) 0xc1, (byte) 0x81, '"' };
        byte[] strayByte = { '"', 'A', (byte) 0xff, '"' };

        for (byte[] content : new byte[][] { overlongA, strayByte }) {
            assertRefused(storeCompressed(content), "not UTF-8");
        }
    }

    @Test
    void contentWithAByteOrderMarkIsText() {
        // a JSON value never starts with a byte order mark: spliced into the event as it is, it would break the event
        String id = storeCompressed(concat(new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf }, bytes("\"abc\"")));

        assertEquals("\ufeff\"abc\"", resolve(id).textValue());
    }

    @Test
    void contentInUtf16IsText() {
        // JSON in UTF-16 is JSON to Jackson, which detects the encoding; in an event of UTF-8 it would be NUL bytes
        byte[] utf16 = "\"abc\"".getBytes(StandardCharsets.UTF_16BE);

        assertEquals(new String(utf16, StandardCharsets.UTF_8), resolve(storeCompressed(utf16)).textValue());
    }

    @Test
    void expiryBeyondAnyTimeIsRefused() {
        String id = store(Map.of("content", AttributeValue.fromS("\"fine\""), "expires_at", AttributeValue.fromN(Long.toString(Long.MAX_VALUE))));

        assertRefused(id, "expires_at");
    }

    private static String store(Map<String, AttributeValue> attributes) {
        String id = ContentReference.newId();
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("id", AttributeValue.fromS(id));
        put(TABLE.client(), item);
        return id;
    }

    /** A compressed item with a true length and SHA-256: whoever wrote it knew the format. */
    private static String storeCompressed(byte[] content) {
        return store(Map.of("content_gz", AttributeValue.fromB(SdkBytes.fromByteArray(CheckedGzip.compress(content))),
                "length", AttributeValue.fromN(Integer.toString(content.length)),
                "sha256", AttributeValue.fromS(CheckedGzip.sha256(content))));
    }

    private static byte[] event(String id) {
        return bytes("{\"input\": \"" + ContentReference.to(id) + "\"}");
    }

    private static JsonNode resolve(String id) {
        return json(TABLE.transformer().transformEvent(event(id), invocation())).get("input");
    }

    private static void assertRefused(String id, String reason) {
        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> TABLE.transformer().transformEvent(event(id), invocation()));

        assertEquals("Lrap.ContentResolutionFailed", rejection.errorType());
        assertTrue(rejection.getMessage().contains(ContentReference.to(id)) && rejection.getMessage().contains(reason),
                rejection.getMessage());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(first);
        joined.writeBytes(second);
        return joined.toByteArray();
    }
}
