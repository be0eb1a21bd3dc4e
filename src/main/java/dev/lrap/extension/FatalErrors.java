package dev.lrap.extension;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.lrap.config.InvalidSetting;
import dev.lrap.config.LrapConfig;
import dev.lrap.observability.LambdaLogLine;
import dev.lrap.observability.LogText;

import io.quarkus.runtime.Quarkus;
import io.smallrye.config.ConfigValidationException;

/**
 * The one way lrap dies: the reason goes to stderr (Lambda copies it to the function's log) and to the Extensions
 * API, so the failure is recorded as the extension's, and the process ends with a non-zero status.
 */
final class FatalErrors {

    private static volatile ExtensionSession session;

    private FatalErrors() {
    }

    /** The session to report through once lrap has one. */
    static void watch(ExtensionSession current) {
        session = current;
    }

    /** Reports a failure of the running extension and stops it. */
    static void exit(Throwable failure) {
        report("Extension.Failed", failure);
        Quarkus.asyncExit(1);
    }

    /** Reports a failure that kept lrap from starting at all, such as invalid configuration. */
    static void startupFailed(Throwable failure) {
        if (session == null) {
            // configuration as far as it can be read: the failure may be about configuration itself, and an endpoint
            // lrap cannot use leaves the log as the only place to say why it stopped
            setting(LrapConfig.RUNTIME_API_ENDPOINT).flatMap(LrapConfig.RuntimeApiEndpoint::usable).ifPresent(upstream -> watch(
                    new ExtensionSession(upstream, ExtensionName.of(setting(LrapConfig.EXTENSION_NAME)))));
        }
        report("Extension.StartupFailed", failure);
    }

    private static Optional<String> setting(String name) {
        return ConfigProvider.getConfig().getOptionalValue(LrapConfig.PREFIX + "." + name, String.class);
    }

    private static void report(String errorType, Throwable failure) {
        // one line, however the reason came: it may quote what Lambda sent, a parser's message with its line breaks
        String message = "lrap stopped: " + LogText.bounded(describe(failure));
        System.err.println(LambdaLogLine.of("FATAL", FatalErrors.class, message));
        if (session == null) {
            return;
        }
        try {
            session.reportFatal(errorType, message);
        } catch (RuntimeException unreported) {
            System.err.println(LambdaLogLine.of("ERROR", FatalErrors.class,
                    "lrap could not report this to the Extensions API: " + LogText.bounded(describe(unreported))));
        }
    }

    /**
     * The deepest message in the chain: "Failed to start quarkus" alone would leave the user guessing, and the JDK's
     * HTTP client gives the innermost causes of a refused connection no message at all. A message that only repeats
     * its cause's class name counts as none.
     */
    private static String describe(Throwable failure) {
        Throwable innermost = failure;
        String deepest = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause instanceof ConfigValidationException invalid ? settingsIn(invalid) : cause.getMessage();
            boolean repeatsItsCause = cause.getCause() != null && cause.getCause().toString().equals(message);
            if (message != null && !message.isBlank() && !repeatsItsCause) {
                deepest = message;
            }
            innermost = cause;
        }
        return deepest != null ? deepest : innermost.toString();
    }

    /** Each setting lrap refused, in lrap's words (SmallRye's name the property and quote a Java exception). */
    private static String settingsIn(ConfigValidationException invalid) {
        return IntStream.range(0, invalid.getProblemCount()).mapToObj(problem -> invalid.getProblem(problem).getMessage())
                .map(problem -> InvalidSetting.quotedAtTheEndOf(problem).orElse(problem))
                .collect(Collectors.joining("; "));
    }
}
