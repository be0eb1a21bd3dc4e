package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.randomText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A response still over LRAP_MAX_PAYLOAD_SIZE after the per-field pass loses its largest strings until it fits. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class PayloadBudgetTest {

    private static final int DEFAULT_BUDGET = 240_000;

    @Inject
    PayloadTransformer transformer;

    @Test
    void sevenMegabyteResponseIsBroughtUnderTheBudget() {
        Random random = new Random(7);
        ArrayNode messages = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 30; i++) {
            messages.add(randomText(120_000, i));
        }
        for (int i = 0; i < 1200; i++) {
            messages.addObject().put("turn", i).put("text", "w".repeat(1_000 + random.nextInt(3_900)));
        }
        byte[] response = bytes(messages);
        assertTrue(response.length > 7_000_000);

        byte[] out = transformer.transformResponse(response, invocation());

        assertTrue(out.length <= DEFAULT_BUDGET, "still " + out.length + " bytes");
        JsonNode offloaded = json(out);
        int largestKept = 0;
        int smallestMoved = Integer.MAX_VALUE;
        for (int i = 30; i < messages.size(); i++) {
            int length = messages.get(i).get("text").textValue().length();
            if (ContentReference.isReference(offloaded.get(i).get("text").textValue())) {
                smallestMoved = Math.min(smallestMoved, length);
            } else {
                largestKept = Math.max(largestKept, length);
            }
        }
        assertTrue(largestKept <= smallestMoved, "kept " + largestKept + " bytes but moved " + smallestMoved);
        assertEquals(messages, json(transformer.transformEvent(out, invocation())));
    }
}
