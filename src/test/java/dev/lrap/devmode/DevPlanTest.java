package dev.lrap.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.lrap.offload.DynamoDbLocal;

/** The dev environment starts what lrap's dev-profile configuration leaves open, and LRAP_DEV_* adjusts it. */
class DevPlanTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @Test
    void startsEverythingWhenNothingIsConfigured() throws IOException {
        DevPlan plan = plan(Map.of());

        assertTrue(plan.simulate());
        assertEquals(Optional.empty(), plan.dynamoDb());
        assertEquals(DynamoDbLocal.TABLE, plan.table());
        assertEquals(9001, plan.runtimeApiPort());
        assertEquals(8080, plan.invokePort());
        assertEquals(9009, plan.lrapPort());
        assertEquals(Optional.empty(), plan.function());
    }

    @Test
    void leavesOutWhatLrapIsConfiguredToUseElsewhere() throws IOException {
        assertFalse(plan(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9000")).simulate());
        assertFalse(plan(Map.of("LRAP_RUNTIME_API_ENDPOINT", "http://127.0.0.1:9000")).simulate());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8000")),
                plan(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")).dynamoDb());
    }

    @Test
    void takesTheFunctionPortsAndTableFromTheEnvironment() throws IOException {
        DevPlan plan = plan(Map.of("LRAP_DEV_FUNCTION", "python3 -m awslambdaric app.handler",
                "LRAP_DEV_RUNTIME_API_PORT", "19001", "LRAP_DEV_INVOKE_PORT", "18080", "LRAP_LISTENER_PORT", "19009",
                "AGENT_CONTEXT_TABLE", "Pages"));

        assertEquals(Optional.of("python3 -m awslambdaric app.handler"), plan.function());
        assertEquals(19001, plan.runtimeApiPort());
        assertEquals(18080, plan.invokePort());
        assertEquals(19009, plan.lrapPort());
        assertEquals("Pages", plan.table());
    }

    private static DevPlan plan(Map<String, String> environment) throws IOException {
        return DevPlan.from(environment, PROJECT);
    }
}
