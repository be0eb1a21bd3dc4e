package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static dev.lrap.offload.OffloadTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * A reference inside a string that is JSON itself, at any depth, is resolved, and the string stays a string: the
 * result of an API Gateway function handed on under a key (Step Functions), an SQS record's body, an SNS message.
 */
class JsonInStringsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ANSWER = "Die \"Antwort\" lautet: 42.\n".repeat(400);

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.withSettings(Map.of());



    @Test
    void apiGatewayResultHandedOnUnderAKeyComesBackWhole() {
        ObjectNode body = NODES.objectNode().put("content", ANSWER).put("tokens", 12);
        ObjectNode result = NODES.objectNode().put("statusCode", 200).put("body", text(body));
        JsonNode offloaded = json(TABLE.transformer().transformResponse(bytes(result), invocation()));
        recordId(json(offloaded.get("body").textValue()).get("content"));

        // the next state gets the result under a key
        ObjectNode nextInput = NODES.objectNode();
        nextInput.set("data", offloaded);
        JsonNode resolved = json(TABLE.transformer().transformEvent(bytes(nextInput), invocation()));

        assertTrue(resolved.at("/data/body").isTextual());
        assertEquals(body, json(resolved.at("/data/body").textValue()));
        assertEquals(200, resolved.at("/data/statusCode").intValue());
    }

    @Test
    void sqsRecordBodyIsResolved() {
        String reference = offload(ANSWER);
        ObjectNode message = NODES.objectNode().put("document", reference).put("page", 3);
        ObjectNode event = NODES.objectNode();
        event.putArray("Records").addObject().put("messageId", "m-1").put("body", text(message))
                .put("eventSource", "aws:sqs");

        JsonNode resolved = json(TABLE.transformer().transformEvent(bytes(event), invocation()));

        JsonNode body = json(resolved.at("/Records/0/body").textValue());
        assertEquals(ANSWER, body.get("document").textValue());
        assertEquals(3, body.get("page").intValue());
        assertEquals("aws:sqs", resolved.at("/Records/0/eventSource").textValue());
    }

    @Test
    void snsMessageInsideAnSqsBodyIsResolved() {
        String reference = offload(ANSWER);
        ObjectNode sns = NODES.objectNode().put("Type", "Notification")
                .put("Message", text(NODES.objectNode().put("document", reference)));
        ObjectNode event = NODES.objectNode();
        event.putArray("Records").addObject().put("body", text(sns));

        JsonNode resolved = json(TABLE.transformer().transformEvent(bytes(event), invocation()));

        JsonNode message = json(json(resolved.at("/Records/0/body").textValue()).get("Message").textValue());
        assertEquals(ANSWER, message.get("document").textValue());
    }

    @Test
    void stringsMentioningAReferenceInProseStayAsTheyAre() {
        String prose = "See " + offload(ANSWER) + " for the answer.";
        byte[] event = bytes(NODES.objectNode().put("note", prose));

        assertEquals(prose, json(TABLE.transformer().transformEvent(event, invocation())).get("note").textValue());
    }

    private static String offload(String value) {
        byte[] response = bytes(NODES.objectNode().put("value", value));
        JsonNode reference = json(TABLE.transformer().transformResponse(response, invocation())).get("value");
        recordId(reference);
        return reference.textValue();
    }
}
