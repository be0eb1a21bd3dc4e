package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.InvocationResult;

/** {@code AWS_LAMBDA_LOG_LEVEL}, which Lambda sets with its JSON log format, is lrap's minimum level. */
class LogLevelIT {

    @RegisterExtension
    final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class)
            .with("AWS_LAMBDA_LOG_FORMAT", "JSON")
            .with("AWS_LAMBDA_LOG_LEVEL", "ERROR")
            .build();

    @Test
    void errorSilencesInfo() {
        // start-up and shutdown log at INFO, an offload writes an INFO metrics document, a failure logs at ERROR
        echo.invoke("{\"page\":\"" + "a".repeat(20_000) + "\"}");
        InvocationResult unresolvable = echo.invoke("{\"page\":\"@content:dynamodb:table:record-" + UUID.randomUUID() + "\"}");
        echo.lrapExit();

        List<JsonNode> lines = LogLines.parse(echo.lrap().output());
        Set<String> levels = lines.stream().map(line -> line.path("level").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("ERROR"), levels, echo.lrap()::output);
        assertTrue(lines.stream().anyMatch(line -> unresolvable.requestId().equals(line.path("requestId").asText())),
                echo.lrap()::output);
    }
}
