package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.e2e.functions.Echo;

/** A fatal start-up error, which lrap prints before and without its logging, is a JSON line too in JSON mode. */
class StartupFailureJsonIT {

    @RegisterExtension
    final LambdaEnvironment misconfigured = LambdaEnvironment.of(Echo.class)
            .with("AWS_LAMBDA_LOG_FORMAT", "JSON")
            .with("MAX_CONTENT_SIZE", "abc")
            .build();

    @Test
    void theReasonIsOneFatalJsonLine() {
        misconfigured.invoke("{}");
        misconfigured.lrapExit();

        List<JsonNode> lines = LogLines.parse(misconfigured.lrap().output());
        List<JsonNode> fatal = lines.stream().filter(line -> line.path("level").asText().equals("FATAL")).toList();
        assertEquals(1, fatal.size(), misconfigured.lrap()::output);
        String message = fatal.get(0).path("message").asText();
        assertTrue(message.startsWith("lrap stopped: ") && message.contains("MAX_CONTENT_SIZE must be a whole number"), message);
    }
}
