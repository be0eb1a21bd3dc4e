package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.ExtensionError;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.ProcessExit;

/**
 * lrap cannot start with a setting it cannot use. It says so where Lambda and the function's owner look: in an
 * Extensions API init error, which fails the environment's init, and in the function's log.
 */
class InvalidConfigurationIT {

    /**
     * A fresh environment for every test, as some tests shut it down. The first invocation waits for init, which
     * fails only once lrap has reported; tests that look at the report invoke first to be sure it is there.
     */
    @RegisterExtension
    final LambdaEnvironment misconfigured = LambdaEnvironment.of(Echo.class).with("MAX_CONTENT_SIZE", "abc").build();

    @Test
    void invocationFailsWithExtensionInitError() {
        InvocationResult result = misconfigured.invoke("{}");

        assertEquals(Outcome.INIT_FAILED, result.outcome());
        assertEquals("Extension.InitError", Documents.json(result).get("errorType").textValue(), result::bodyAsString);
    }

    @Test
    void initErrorReportNamesTheSetting() {
        misconfigured.invoke("{}");

        List<ExtensionError> errors = misconfigured.lambda().extensionErrors();
        assertEquals(1, errors.size(), errors::toString);
        ExtensionError error = errors.get(0);
        assertEquals("lrap", error.extensionName());
        assertEquals(ExtensionError.Phase.INIT, error.phase());
        String report = error.request().bodyAsString();
        assertTrue(report.contains("MAX_CONTENT_SIZE") && report.contains("'abc'"), report);
    }

    @Test
    void logExplainsWhichSettingIsWrong() {
        misconfigured.invoke("{}");

        misconfigured.lrapExit();
        String log = misconfigured.lrap().output();
        assertTrue(log.contains("lrap stopped: ") && log.contains("MAX_CONTENT_SIZE must be a whole number"), log);
    }

    @Test
    void lrapExitsWithAFailureStatus() {
        misconfigured.invoke("{}");

        ProcessExit exit = misconfigured.lrapExit();
        assertNotEquals(0, exit.exitCode(), exit::toString);
    }
}
