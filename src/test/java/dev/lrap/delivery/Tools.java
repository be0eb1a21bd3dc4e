package dev.lrap.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the command-line tools that check the delivery files and the README's recipes, and decides what a missing tool
 * means.
 */
public final class Tools {

    /** Maven runs tests in the project directory. */
    static final Path PROJECT = Path.of("").toAbsolutePath();

    private Tools() {
    }

    /**
     * Skips the calling test when {@code tool} is not on the PATH: linters are optional on a developer's machine.
     * CI installs them and sets {@code LRAP_REQUIRE_TOOLS=true}, which turns the skip into a failure.
     */
    public static void requireTool(String tool) {
        boolean installed = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (!installed) {
            String message = tool + " is not installed; .github/workflows/ci.yml shows how CI installs it";
            if (Boolean.parseBoolean(System.getenv("LRAP_REQUIRE_TOOLS"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** What a finished process left: its id, exit code, and stdout and stderr together. */
    record Result(long pid, int exitCode, String output) {

        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** Runs a command in the project directory. */
    static Result run(String... command) {
        return run(new ProcessBuilder(command).directory(PROJECT.toFile()));
    }

    static Result run(ProcessBuilder command) {
        try {
            Process process = command.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            return new Result(process.pid(), process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
