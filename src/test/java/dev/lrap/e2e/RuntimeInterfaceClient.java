package dev.lrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** AWS's Java runtime interface client (the runtime of Lambda's managed Java runtimes) as a command line. */
final class RuntimeInterfaceClient {

    private RuntimeInterfaceClient() {
    }

    /**
     * The command that runs {@code handler} (a {@code RequestStreamHandler}) on this JVM with the test classpath.
     * The client unpacks its JNI library to one fixed file in /tmp, which processes started at the same time race
     * on; it gets a private copy in {@code dir} instead.
     */
    static List<String> command(Class<?> handler, Path dir) {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        Path jni = dir.resolve("libaws-lambda-jni.so");
        try (InputStream library = RuntimeInterfaceClient.class.getResourceAsStream("/jni/libaws-lambda-jni.linux-" + arch + ".so")) {
            Files.copy(library, jni);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the settings of a small function: a quick start matters more than peak speed here
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jni,
                "-cp", System.getProperty("java.class.path"),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler.getName() + "::handleRequest");
    }
}
