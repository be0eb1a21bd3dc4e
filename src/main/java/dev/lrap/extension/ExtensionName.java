package dev.lrap.extension;

import java.nio.file.Path;

import dev.lrap.config.LrapConfig;
import io.quarkus.runtime.ImageMode;

/**
 * The name lrap registers under. Lambda only accepts the file name the extension was started as, so a native
 * executable uses its own file name, and the JVM launcher passes its name in {@code LRAP_EXTENSION_NAME}.
 */
final class ExtensionName {

    static final String DEFAULT = "lrap";

    private ExtensionName() {
    }

    static String of(LrapConfig config) {
        return config.extensionName().orElseGet(ExtensionName::fromExecutable);
    }

    private static String fromExecutable() {
        if (ImageMode.current() != ImageMode.NATIVE_RUN) {
            return DEFAULT;
        }
        return ProcessHandle.current().info().command()
                .map(command -> Path.of(command).getFileName().toString())
                .orElse(DEFAULT);
    }
}
