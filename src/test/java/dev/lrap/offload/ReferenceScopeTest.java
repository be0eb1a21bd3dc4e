package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.put;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.proxy.EventRejectedException;
import dev.lrap.proxy.InvocationContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A reference names only a record lrap (or the original) issued, and in a tenant-isolated function only a record
 * of the invocation's own tenant or of no tenant.
 */
class ReferenceScopeTest {

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.withSettings(Map.of());



    @Test
    void anyOtherItemOfTheTableIsOutOfReach() {
        put(TABLE.client(), Map.of("id", AttributeValue.fromS("secret"), "content", AttributeValue.fromS("\"the admin password\"")));
        byte[] event = bytes("{\"body\": \"{\\\"q\\\": \\\"@content:dynamodb:table:secret\\\"}\"}");

        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> TABLE.transformer().transformEvent(event, invocation("anonymous", null)));

        assertEquals("Lrap.ContentResolutionFailed", rejection.errorType());
        assertEquals("cannot resolve @content:dynamodb:table:secret: lrap resolves only the record-<uuid> ids it issues",
                rejection.getMessage());
    }

    @Test
    void itemsWrittenForATenantCarryIt() {
        String id = offloadFor("tenant-a");

        assertEquals("tenant-a", OffloadTesting.item(TABLE.client(), id).get("tenant_id").s());
    }

    /**
     * An event lrap cannot read (here nested deeper than it reads, and valid JSON all the same) still tells the
     * tenant, also as the first of its environment: otherwise the items of the response are written for no tenant,
     * and any tenant could read them.
     */
    @Test
    void itemsCarryTheTenantOfAnEventTooDeepToRead() {
        OffloadTransformer freshEnvironment = OffloadTesting.transformer(TABLE.client(), Map.of());
        int depth = Json.MAX_DEPTH + 1;
        byte[] event = bytes("[".repeat(depth) + "]".repeat(depth));
        freshEnvironment.transformEvent(event, invocation("deep", "tenant-a"));

        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("value", "x".repeat(6_000)));
        String id = recordId(json(freshEnvironment.transformResponse(response, invocation("deep", null))).get("value"));

        assertEquals(AttributeValue.fromS("tenant-a"), OffloadTesting.item(TABLE.client(), id).get("tenant_id"));
    }

    @Test
    void aTenantResolvesItsOwnItems() {
        String id = offloadFor("tenant-a");

        byte[] resolved = TABLE.transformer().transformEvent(eventReferringTo(id), invocation("next", "tenant-a"));

        assertEquals("x".repeat(6_000), json(resolved).get("input").textValue());
    }

    @Test
    void anotherTenantsItemIsOutOfReach() {
        String id = offloadFor("tenant-a");

        for (String other : new String[] { "tenant-b", null }) {
            EventRejectedException rejection = assertThrows(EventRejectedException.class,
                    () -> TABLE.transformer().transformEvent(eventReferringTo(id), invocation("other", other)));

            assertTrue(rejection.getMessage().contains("belongs to another tenant"), rejection.getMessage());
            assertFalse(rejection.getMessage().contains("tenant-a"), rejection.getMessage());
        }
    }

    @Test
    void itemsWithoutATenantStayReadable() {
        String id = "record-" + UUID.randomUUID();
        put(TABLE.client(), Map.of("id", AttributeValue.fromS(id), "content", AttributeValue.fromS("\"written by the original\""),
                "timestamp", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()))));

        byte[] resolved = TABLE.transformer().transformEvent(eventReferringTo(id), invocation("any", "tenant-b"));

        assertEquals("written by the original", json(resolved).get("input").textValue());
    }

    /** An invocation of a tenant: its event (here one that passes unchanged) names the tenant, then it responds. */
    private static String offloadFor(String tenant) {
        String requestId = UUID.randomUUID().toString();
        byte[] event = bytes("{\"question\": \"\\u0041\"}");
        TABLE.transformer().transformEvent(event, invocation(requestId, tenant));
        byte[] response = bytes(JsonNodeFactory.instance.objectNode().put("value", "x".repeat(6_000)));
        return recordId(json(TABLE.transformer().transformResponse(response, invocation(requestId, null))).get("value"));
    }

    private static byte[] eventReferringTo(String id) {
        return bytes("{\"input\": \"" + ContentReference.to(id) + "\"}");
    }

    private static InvocationContext invocation(String requestId, String tenant) {
        return new InvocationContext(requestId, OptionalLong.of(System.currentTimeMillis() + 30_000),
                tenant == null ? Map.of() : Map.of("Lambda-Runtime-Aws-Tenant-Id", List.of(tenant)));
    }
}
