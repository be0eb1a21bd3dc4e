package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** In the API Gateway shape the strings inside a JSON {@code body} string leave, and the body stays a string. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class ApiGatewayBodyTest {

    @Inject
    PayloadTransformer transformer;

    @Test
    void bodyHoldingJsonIsWalkedInside() {
        String body = """
                {"answer": "%s", "tokens": 12}""".formatted("Das ist \\\"die\\\" Antwort. ".repeat(300));
        byte[] response = bytes(apiGateway(body));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));

        assertTrue(offloaded.get("body").isTextual());
        JsonNode offloadedBody = json(offloaded.get("body").textValue());
        recordId(offloadedBody.get("answer"));
        assertEquals(12, offloadedBody.get("tokens").intValue());

        JsonNode resolved = json(transformer.transformEvent(bytes(offloaded), invocation()));
        assertEquals(json(body), json(resolved.get("body").textValue()));
        assertEquals(200, resolved.get("statusCode").intValue());
        assertEquals("application/json", resolved.at("/headers/content-type").textValue());
    }

    @Test
    void bodyThatIsNotJsonIsOneString() {
        String body = "<html>" + "plain text, not JSON ".repeat(300) + "</html>";
        byte[] response = bytes(apiGateway(body));

        JsonNode offloaded = json(transformer.transformResponse(response, invocation()));

        recordId(offloaded.get("body"));
        assertEquals(json(response), json(transformer.transformEvent(bytes(offloaded), invocation())));
    }

    private static ObjectNode apiGateway(String body) {
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("statusCode", 200);
        response.putObject("headers").put("content-type", "application/json");
        return response.put("body", body);
    }
}
