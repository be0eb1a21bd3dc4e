package dev.lrap.delivery;

import static dev.lrap.delivery.Tools.PROJECT;
import static dev.lrap.delivery.Tools.requireTool;
import static dev.lrap.delivery.Tools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ShellScriptTest {

    /** The layers' scripts run under whatever /bin/sh the runtime has; the others on CI machines. */
    private static final List<String> SCRIPTS = List.of("wrapper.sh", "src/main/layer/jvm-launcher.sh",
            ".github/scripts/container-smoke-test.sh", ".github/scripts/publish-layers.sh", ".ci/run",
            "bench/startup.sh");

    /** Parses each script with the shell its first line names, without running it. */
    @TestFactory
    Stream<DynamicTest> parse() {
        return SCRIPTS.stream().map(script -> dynamicTest(script, () -> {
            Tools.Result syntax = run(interpreter(PROJECT.resolve(script)), "-n", script);
            assertEquals(0, syntax.exitCode(), syntax.output());
        }));
    }

    /** shellcheck holds #!/bin/sh scripts to POSIX, so no bash-only construct reaches a runtime's /bin/sh. */
    @Test
    void passShellcheck() {
        requireTool("shellcheck");
        Tools.Result lint = run(Stream.concat(Stream.of("shellcheck"), SCRIPTS.stream()).toArray(String[]::new));
        assertEquals(0, lint.exitCode(), lint.output());
    }

    /** {@code #!/bin/sh} gives sh, {@code #!/usr/bin/env bash} gives bash. */
    private static String interpreter(Path script) throws IOException {
        String[] shebang = Files.readAllLines(script).get(0).substring("#!".length()).trim().split("\\s+");
        return Path.of(shebang[shebang.length - 1]).getFileName().toString();
    }
}
