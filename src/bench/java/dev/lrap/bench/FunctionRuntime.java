package dev.lrap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.lrap.simulator.JavaRuntimeClient;

/** The runtimes of the benchmark functions, each a process of its own as in Lambda. */
enum FunctionRuntime {

    /** {@link EchoRuntime}: the JDK's HTTP client in a tight loop, the least a runtime does. */
    JDK_LOOP("JDK loop", "a tight loop of the JDK's HTTP client in a JVM of its own") {
        @Override
        List<String> command(Path workDir) {
            return java(EchoRuntime.class);
        }
    },

    /** AWS's Java runtime interface client, as Lambda's Java runtimes run it, with {@link EchoHandler}. */
    JAVA_RIC("AWS Java runtime client", "AWS's Java runtime interface client with a RequestStreamHandler that copies "
            + "its input to its output, as Lambda's Java runtimes start it") {
        @Override
        List<String> command(Path workDir) {
            try {
                Files.createDirectories(workDir);
                return JavaRuntimeClient.command(EchoHandler.class.getName() + "::handleRequest",
                        Files.createTempDirectory(workDir, "ric-"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make a directory for the runtime client's library", e);
            }
        }
    },

    /** {@link ChunkedStreamRuntime}: streamed responses written as HTTP/1.1 chunks by hand. */
    CHUNKED_STREAM("raw chunked streaming runtime", "HTTP/1.1 chunks written by hand, Lambda-Runtime-Function-Response-Mode: "
            + "streaming") {
        @Override
        List<String> command(Path workDir) {
            return java(ChunkedStreamRuntime.class);
        }
    };

    /** A short name, for table cells. */
    final String label;
    /** What the runtime is, for the notes of a report. */
    final String description;

    FunctionRuntime(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The command that starts this runtime; {@code workDir} takes the files it needs. */
    abstract List<String> command(Path workDir);

    /** {@code main} in a JVM of its own, with the JIT and GC settings the JVM layer gives lrap. */
    private static List<String> java(Class<?> main) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), main.getName());
    }
}
