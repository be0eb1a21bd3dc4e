package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A string field over MAX_CONTENT_SIZE leaves the response, and the event that carries its reference gets it back. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class FieldRoundTripTest {

    @Inject
    PayloadTransformer transformer;

    @Test
    void isTheDefaultTransformer() {
        assertInstanceOf(OffloadTransformer.class, transformer);
    }

    @Test
    void largeFieldIsOffloadedAndResolved() {
        byte[] response = bytes("""
                {"small": "stays", "large": "%s", "count": 1.10}""".formatted("Grüße, 🌍 \\\"quoted\\\"\\n".repeat(300)));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));
        recordId(offloaded.get("large"));
        assertEquals("stays", offloaded.get("small").textValue());

        byte[] event = transformer.transformEvent(bytes(offloaded.toString()), invocation());
        assertEquals(json(response), json(event));
    }

    @Test
    void thresholdCountsUtf8Bytes() {
        String atLimit = "é".repeat(2500);
        byte[] response = bytes("""
                {"at": "%s", "over": "%sa"}""".formatted(atLimit, atLimit));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));

        assertEquals(atLimit, offloaded.get("at").textValue());
        recordId(offloaded.get("over"));
    }
}
