package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Strings leave from any depth, array elements included (which the original skips), and come back in place. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class NestedStringsTest {

    private static final String BIG = "a".repeat(5001);
    private static final String OTHER = "b".repeat(8000);

    @Inject
    PayloadTransformer transformer;

    @Test
    void stringsAtAnyDepthRoundTrip() {
        byte[] response = bytes("""
                {"messages": [{"role": "user", "content": [{"text": "%s"}, "%s", 42, null]}, ["%s", ["%s"]]],
                 "meta": {"deep": {"deeper": {"text": "%s"}}}}""".formatted(BIG, OTHER, BIG, OTHER, BIG));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));

        for (String pointer : new String[] { "/messages/0/content/0/text", "/messages/0/content/1", "/messages/1/0",
                "/messages/1/1/0", "/meta/deep/deeper/text" }) {
            recordId(offloaded.at(pointer));
        }
        assertEquals("user", offloaded.at("/messages/0/role").textValue());
        assertEquals(json(response), json(transformer.transformEvent(bytes(offloaded), invocation())));
    }

    @Test
    void equalStringsShareOneRecord() {
        byte[] response = bytes("""
                {"first": "%s", "again": ["%s"]}""".formatted(BIG, BIG));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));

        assertEquals(recordId(offloaded.get("first")), recordId(offloaded.at("/again/0")));
    }

    @Test
    void topLevelArrayElementsLeaveToo() {
        byte[] response = bytes("""
                ["%s", "short"]""".formatted(OTHER));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));

        recordId(offloaded.get(0));
        assertEquals("short", offloaded.get(1).textValue());
    }
}
