package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Echo;

/** {@code LRAP_METRICS=false}: lrap stores, resolves and fails as ever, and writes no metrics document. */
class MetricsOffIT {

    @RegisterExtension
    final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class).with("LRAP_METRICS", "false").build();

    @Test
    void noDocumentIsWritten() {
        String reference = Documents.json(echo.invoke("{\"page\":\"" + "a".repeat(20_000) + "\"}")).get("page").textValue();
        echo.invoke("{\"page\":\"" + reference + "\"}");
        echo.invoke("{\"page\":\"@content:dynamodb:table:record-" + UUID.randomUUID() + "\"}");
        echo.lrapExit();

        String output = echo.lrap().output();
        assertTrue(Documents.REFERENCE.matcher(reference).matches(), reference);
        // the text format, with the summary that tells what would have been measured
        assertTrue(output.contains("INFO  [lrap] Shutting down after relaying 3 invocations: 1 values offloaded"), output);
        assertFalse(output.contains("\"_aws\""), output);
    }
}
