package dev.lrap.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.config.LrapConfig;
import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.testing.CapturedStderr;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Why lrap stopped is one line in the log whatever it failed on: a Runtime API endpoint that no session can use
 * leaves the log as the only place to say why, and must not fail the report itself; a reason that quotes what Lambda
 * sent (a parser's message, an error body) cannot break the line; an Extensions API lrap cannot reach is named, with
 * the call that failed and why; a setting lrap refuses is named in lrap's words, not in SmallRye Config's.
 */
class StartupFailureReportTest {

    private static final String ENDPOINT = LrapConfig.PREFIX + "." + LrapConfig.RUNTIME_API_ENDPOINT;

    private CapturedStderr stderr;

    @BeforeEach
    void captureStderr() {
        stderr = CapturedStderr.open();
    }

    @AfterEach
    void restore() {
        stderr.close();
        System.clearProperty(ENDPOINT);
    }

    @Test
    void anUnusableEndpointStillLeavesTheReasonInTheLog() {
        System.setProperty(ENDPOINT, "not a host:9001");

        FatalErrors.startupFailed(new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be host:port"));

        String log = stderr.text();
        assertTrue(log.contains("lrap stopped: AWS_LAMBDA_RUNTIME_API must be host:port"), log);
    }

    @Test
    void aReasonWithLineBreaksIsOneLine() {
        // Jackson's message on an Extensions API event that is not JSON, with the line break it puts before the location
        FatalErrors.startupFailed(new IllegalStateException("Lambda sent an event that is not JSON", new IOException(
                "Unexpected character ('n' (code 110))\n at [Source: REDACTED; line: 1, column: 2]\r\n12:00:00 INFO forged")));

        List<String> lines = stderr.text().lines().toList();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("lrap stopped: Unexpected character"), lines::toString);
    }

    @Test
    void anUnreachableExtensionsApiIsNamedWithTheCallAndWhy() {
        String nothingListens = "127.0.0.1:" + DynamoDbLocal.freePort();
        RuntimeException unreachable = assertThrows(RuntimeException.class, new ExtensionSession(nothingListens, "lrap")::register);

        FatalErrors.startupFailed(unreachable);

        String line = stderr.text().lines().findFirst().orElseThrow();
        assertEquals("lrap stopped: The Extensions API at " + nothingListens + " cannot be reached (POST "
                + LambdaApi.EXTENSION_REGISTER + "): connection refused", line);
    }

    @Test
    void anInvalidSettingIsNamedInLrapsOwnWords() {
        ConfigValidationException invalid = assertThrows(ConfigValidationException.class, () -> new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(LrapConfig.PREFIX + ".debug", "maybe"), "environment", 300))
                .withMapping(LrapConfig.class).build());

        FatalErrors.startupFailed(new RuntimeException("Failed to start quarkus", invalid));

        String line = stderr.text().lines().findFirst().orElseThrow();
        assertEquals("lrap stopped: LRAP_DEBUG must be true or false, but is 'maybe'", line);
    }
}
