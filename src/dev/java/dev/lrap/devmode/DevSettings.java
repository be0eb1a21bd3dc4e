package dev.lrap.devmode;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the dev environment alone, as {@code LRAP_DEV_*} environment variables. They mean nothing to lrap in a
 * Lambda function, so they stay out of {@link dev.lrap.config.LrapConfig}, the settings lrap ships with.
 */
@ConfigMapping(prefix = "lrap.dev")
public interface DevSettings {

    /**
     * A shell command that starts the function instead of the sample tool ({@code LRAP_DEV_FUNCTION}), such as a
     * Python or Node.js runtime interface client with your handler; it runs in the project directory.
     */
    Optional<String> function();

    /** The port of the simulated Runtime and Extensions API ({@code LRAP_DEV_RUNTIME_API_PORT}). */
    @WithDefault("9001")
    int runtimeApiPort();

    /** The port of the invoke endpoint and the stored items ({@code LRAP_DEV_INVOKE_PORT}), 8080 like AWS's emulator. */
    @WithDefault("8080")
    int invokePort();
}
