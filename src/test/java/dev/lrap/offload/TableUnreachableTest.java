package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.lrap.proxy.EventRejectedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** With the table out of reach, responses go out unchanged and events with references fail with a clear error. */
class TableUnreachableTest {

    private static DynamoDbClient unreachable;
    private static OffloadTransformer transformer;

    @BeforeAll
    static void pointAtAClosedPort() {
        unreachable = DynamoDbLocal.client(URI.create("http://localhost:" + DynamoDbLocal.freePort()));
        transformer = OffloadTesting.transformer(unreachable, Map.of());
    }

    @AfterAll
    static void close() {
        unreachable.close();
    }

    @Test
    void responseGoesOutUnchanged() {
        byte[] response = bytes("{\"value\": \"" + "v".repeat(6000) + "\"}");

        assertSame(response, transformer.transformResponse(response, invocation()));
    }

    @Test
    void eventIsRejected() {
        String reference = ContentReference.to("record-00000000-0000-4000-8000-000000000000");
        byte[] event = bytes("{\"input\": \"" + reference + "\"}");

        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> transformer.transformEvent(event, invocation()));

        assertEquals("Lrap.ContentResolutionFailed", rejection.errorType());
        assertTrue(rejection.getMessage().startsWith("cannot read " + reference + " from table AgentContext: "),
                rejection.getMessage());
    }
}
