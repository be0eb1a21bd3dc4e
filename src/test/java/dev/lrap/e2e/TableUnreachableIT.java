package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.e2e.functions.BigFields;
import dev.lrap.e2e.functions.Journal;
import dev.lrap.e2e.functions.Probe;
import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * DynamoDB cannot be reached: lrap is configured with an endpoint where nothing listens. A response then goes out as
 * it is, which is still a valid response; an event whose reference cannot be resolved must not reach the handler,
 * which would take the reference for its content.
 */
class TableUnreachableIT {

    private static final URI NOTHING_LISTENS = URI.create("http://127.0.0.1:" + DynamoDbLocal.freePort());

    @RegisterExtension
    static final LambdaEnvironment tool = LambdaEnvironment.of(BigFields.class).dynamoDbAt(NOTHING_LISTENS).build();

    @RegisterExtension
    static final LambdaEnvironment nextStep = LambdaEnvironment.of(Probe.class).dynamoDbAt(NOTHING_LISTENS).build();

    private static final String UNRESOLVABLE = Probe.REFERENCE_PREFIX + "record-" + UUID.randomUUID();

    @Test
    void responsePassesUnchanged() {
        InvocationResult result = tool.invoke(BigFields.event(1, 20_000));

        assertEquals(Outcome.RESPONSE, result.outcome());
        // what the function wrote: the large field inline
        assertArrayEquals(Documents.bytes(Documents.object().put("field0", BigFields.text(0, 20_000))), result.body());
    }

    @Test
    void unresolvableReferenceFailsTheInvocationNamingIt() {
        InvocationResult result = nextStep.invoke(eventWith(UNRESOLVABLE));

        assertEquals(Outcome.FUNCTION_ERROR, result.outcome());
        JsonNode error = Documents.json(result);
        assertEquals("Lrap.ContentResolutionFailed", error.get("errorType").textValue(), result::bodyAsString);
        assertTrue(error.get("errorMessage").textValue().contains(UNRESOLVABLE), result::bodyAsString);
    }

    @Test
    void handlerDoesNotRunForAnUnresolvableReference() {
        InvocationResult rejected = nextStep.invoke(eventWith(UNRESOLVABLE));
        InvocationResult accepted = nextStep.invoke(eventWith("no reference"));

        // the journal has the invocation after it, so it would have the rejected one too had its handler run
        assertTrue(nextStep.journal().contains(Journal.invoked(accepted.requestId())), nextStep.journal()::toString);
        assertFalse(nextStep.journal().contains(Journal.invoked(rejected.requestId())), nextStep.journal()::toString);
    }

    @Test
    void nextInvocationAfterARejectedOneWorks() {
        nextStep.invoke(eventWith(UNRESOLVABLE));

        InvocationResult result = nextStep.invoke(eventWith("no reference"));

        assertEquals(Received.event(Documents.bytes(Documents.object().put("document", "no reference"))), Received.by(result));
    }

    private static Invocation eventWith(String document) {
        return Invocation.of(Documents.bytes(Documents.object().put("document", document)));
    }
}
