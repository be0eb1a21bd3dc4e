package dev.lrap.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * AWS's own Java runtime interface client as a runtime command, the way Lambda's Java runtimes start it: a JVM on this
 * one's class path running a handler written against {@code aws-lambda-java-core}.
 */
public final class JavaRuntimeClient {

    private JavaRuntimeClient() {
    }

    /**
     * The command that runs {@code handler} ({@code class::method}).
     *
     * @param libraryDir where the client's JNI library goes: the client unpacks it to one fixed file in /tmp, which
     *        processes started at the same time race on, so each gets a private copy
     */
    public static List<String> command(String handler, Path libraryDir) {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        Path jni = libraryDir.resolve("libaws-lambda-jni.so");
        try (InputStream library = JavaRuntimeClient.class.getResourceAsStream("/jni/libaws-lambda-jni.linux-" + arch + ".so")) {
            Files.copy(library, jni, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the runtime interface client's JNI library to " + jni, e);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jni,
                "-cp", System.getProperty("java.class.path"),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
    }
}
