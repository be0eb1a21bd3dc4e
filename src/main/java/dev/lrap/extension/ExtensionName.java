package dev.lrap.extension;

import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.runtime.ImageMode;

/**
 * The name lrap registers under. Lambda only accepts the file name the extension was started as, so a native
 * executable uses its own file name, and the JVM launcher passes its name in {@code lrap.extension-name}.
 */
final class ExtensionName {

    private static final String DEFAULT = "lrap";

    private ExtensionName() {
    }

    /** The configured name if there is one, else the executable's. */
    static String of(Optional<String> configured) {
        return configured.orElseGet(ExtensionName::fromExecutable);
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
