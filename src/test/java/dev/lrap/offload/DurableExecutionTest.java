package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.recordId;
import static dev.lrap.offload.OffloadTesting.text;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.lrap.proxy.InvocationContext;

/**
 * A durable execution's event, and the response to it, pass untouched: its service parses the response's
 * {@code Result} itself. The response is told apart by the request id of its event.
 */
class DurableExecutionTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final byte[] ENVELOPE = bytes(NODES.objectNode().put("Status", "SUCCEEDED")
            .put("Result", text(NODES.objectNode().put("report", "r".repeat(300_000)))));

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.withSettings(Map.of());



    @Test
    void durableInvocationPassesUntouchedBothWays() {
        byte[] event = bytes(durableEvent());
        // the transformer must see the event to know its response
        assertFalse(TABLE.transformer().leavesEventAlone(event));

        assertSame(event, TABLE.transformer().transformEvent(event, invocation("durable-1")));
        assertSame(ENVELOPE, TABLE.transformer().transformResponse(ENVELOPE, invocation("durable-1")));
    }

    @Test
    void durableEventIsNotResolved() {
        byte[] event = bytes(durableEvent().put("note", ContentReference.to("record-00000000-0000-4000-8000-000000000000")));

        assertSame(event, TABLE.transformer().transformEvent(event, invocation("durable-2")));
        assertSame(ENVELOPE, TABLE.transformer().transformResponse(ENVELOPE, invocation("durable-2")));
    }

    /**
     * Lambda Managed Instances run up to 1,600 invocations in one environment at once
     * ({@code PerExecutionEnvironmentMaxConcurrency}), and a durable invocation answered by a small envelope never
     * reaches the transformer: however many invocations began since, the response of a long one stays untouched.
     */
    @Test
    void durableResponsePassesUntouchedWhileManyOthersAreInFlight() {
        byte[] event = bytes(durableEvent());
        TABLE.transformer().transformEvent(event, invocation("durable-long"));
        for (int other = 0; other < 1_600; other++) {
            TABLE.transformer().transformEvent(event, invocation("durable-" + other));
        }

        assertSame(ENVELOPE, TABLE.transformer().transformResponse(ENVELOPE, invocation("durable-long")));
    }

    /** A durable execution's event nested deeper than lrap reads (its input, say) still marks its response. */
    @Test
    void durableEventTooDeepToReadLeavesItsResponseUntouched() {
        int depth = Json.MAX_DEPTH + 1;
        String input = "[".repeat(depth) + "]".repeat(depth);
        String event = text(durableEvent());
        byte[] deepEvent = bytes(event.substring(0, event.length() - 1) + ",\"Input\":" + input + "}");

        assertSame(deepEvent, TABLE.transformer().transformEvent(deepEvent, invocation("durable-deep")));
        assertSame(ENVELOPE, TABLE.transformer().transformResponse(ENVELOPE, invocation("durable-deep")));
    }

    private static ObjectNode durableEvent() {
        ObjectNode event = NODES.objectNode()
                .put("DurableExecutionArn", "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/e/1")
                .put("CheckpointToken", "token-1");
        event.putObject("InitialExecutionState").putArray("Operations");
        return event;
    }

    @Test
    void otherInvocationsAreStillTransformed() {
        byte[] event = bytes(NODES.objectNode().put("DurableExecutionArn", "only one of the two fields"));
        TABLE.transformer().transformEvent(event, invocation("plain-1"));

        byte[] response = bytes(NODES.objectNode().put("Status", "SUCCEEDED").put("Result", "r".repeat(300_000)));
        recordId(json(TABLE.transformer().transformResponse(response, invocation("plain-1"))).get("Result"));
    }

    /** Once an environment serves durable executions, it remembers every invocation, those that are not durable too. */
    @Test
    void plainEventOfADurableEnvironmentReachesTheTransformer() {
        TABLE.transformer().transformEvent(bytes(durableEvent()), invocation("durable-first"));
        byte[] event = bytes(NODES.objectNode().put("question", "plain"));
        assertFalse(TABLE.transformer().leavesEventAlone(event));
        TABLE.transformer().transformEvent(event, invocation("plain-2"));

        byte[] response = bytes(NODES.objectNode().put("Status", "SUCCEEDED").put("Result", "r".repeat(300_000)));
        recordId(json(TABLE.transformer().transformResponse(response, invocation("plain-2"))).get("Result"));
    }

    private static InvocationContext invocation(String requestId) {
        return new InvocationContext(requestId, OptionalLong.of(System.currentTimeMillis() + 30_000), Map.of("Lambda-Runtime-Aws-Request-Id", List.of(requestId)));
    }
}
