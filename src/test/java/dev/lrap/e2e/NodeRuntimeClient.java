package dev.lrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * AWS's Node.js runtime interface client ({@code aws-lambda-ric} on npm), the one AWS client that streams responses.
 * Installing it builds a native addon, which takes a minute, so it is installed once per machine under
 * {@code ~/.cache/lrap} and reused by every later build. It needs node, npm and a C++ toolchain (cmake, g++, make,
 * python3).
 */
final class NodeRuntimeClient {

    static final String VERSION = "4.0.2";

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "lrap");
    private static final Path INSTALLED = CACHE.resolve("aws-lambda-ric-" + VERSION);

    private NodeRuntimeClient() {
    }

    /**
     * A function in {@code src/test/node/<name>}, whose {@code index.mjs} exports {@code handler}, run by the client.
     * The client takes its handler from {@code _HANDLER} and the code from {@code LAMBDA_TASK_ROOT}.
     */
    static FunctionRuntime function(String name) {
        Path client = install().resolve("node_modules/aws-lambda-ric/index.mjs");
        return new FunctionRuntime(name, "index.handler", Path.of("src/test/node", name).toAbsolutePath(),
                dir -> List.of("node", client.toString()));
    }

    /** Installs the client unless an earlier build did; builds running at once install it once. */
    private static synchronized Path install() {
        try {
            Files.createDirectories(CACHE);
            try (FileChannel lockFile = FileChannel.open(CACHE.resolve("aws-lambda-ric.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                if (!Files.isRegularFile(INSTALLED.resolve("node_modules/aws-lambda-ric/index.mjs"))) {
                    npmInstall();
                }
            }
            return INSTALLED;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install aws-lambda-ric into " + INSTALLED, e);
        }
    }

    /** Into a scratch directory first, so that an interrupted install is never taken for a finished one. */
    private static void npmInstall() throws IOException {
        Path partial = CACHE.resolve("aws-lambda-ric-" + VERSION + ".partial");
        delete(partial);
        Process npm = new ProcessBuilder("npm", "install", "--prefix", partial.toString(), "--no-save", "--no-fund",
                "--no-audit", "aws-lambda-ric@" + VERSION).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (npm.waitFor() != 0) {
                throw new IllegalStateException("npm install aws-lambda-ric@" + VERSION + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        delete(INSTALLED);
        Files.move(partial, INSTALLED);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
