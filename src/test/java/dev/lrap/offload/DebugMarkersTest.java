package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** With LRAP_DEBUG=true, JSON objects get the original's markers: {@code proxy_in} on events, {@code proxy_out} on responses. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class DebugMarkersTest {

    @Inject
    DynamoDbClient dynamoDb;

    OffloadTransformer debugging;

    @BeforeEach
    void debug() {
        debugging = OffloadTesting.transformer(dynamoDb, Map.of("LRAP_DEBUG", "true"));
    }

    @Test
    void responseIsMarked() {
        byte[] small = bytes("{\"a\": 1}");
        assertFalse(debugging.leavesResponseAlone(small));

        JsonNode response = json(debugging.transformResponse(small, invocation()));

        assertEquals(json("{\"a\": 1, \"proxy_out\": true}"), response);
    }

    @Test
    void offloadedResponseIsMarkedAndEventResolvedAndMarked() {
        JsonNode response = json(debugging.transformResponse(bytes("{\"v\": \"" + "v".repeat(6000) + "\"}"), invocation()));
        recordId(response.get("v"));

        assertFalse(debugging.leavesEventAlone(bytes("{\"a\": 1}")));
        JsonNode event = json(debugging.transformEvent(bytes(response), invocation()));

        assertEquals(json("{\"v\": \"" + "v".repeat(6000) + "\", \"proxy_out\": true, \"proxy_in\": true}"), event);
    }

    @Test
    void onlyObjectsAreMarked() {
        byte[] array = bytes("[1, 2]");

        assertSame(array, debugging.transformEvent(array, invocation()));
    }
}
