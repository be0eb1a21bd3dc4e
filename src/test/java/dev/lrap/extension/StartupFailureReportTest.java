package dev.lrap.extension;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lrap.config.LrapConfig;

/**
 * A failure to start is reported whatever the configuration it failed on: a Runtime API endpoint that no session
 * can use leaves the log as the only place to say why lrap stopped, and must not fail the report itself.
 */
class StartupFailureReportTest {

    private static final String ENDPOINT = LrapConfig.PREFIX + "." + LrapConfig.RUNTIME_API_ENDPOINT;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PrintStream originalStderr = System.err;

    @BeforeEach
    void captureStderr() {
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalStderr);
        System.clearProperty(ENDPOINT);
    }

    @Test
    void anUnusableEndpointStillLeavesTheReasonInTheLog() {
        System.setProperty(ENDPOINT, "not a host:9001");

        FatalErrors.startupFailed(new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be host:port"));

        String log = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("lrap stopped: AWS_LAMBDA_RUNTIME_API must be host:port"), log);
    }
}
