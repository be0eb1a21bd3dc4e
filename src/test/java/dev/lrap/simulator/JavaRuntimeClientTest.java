package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;

/** AWS's own Java runtime interface client runs against the simulator as it runs on Lambda. */
class JavaRuntimeClientTest {

    @TempDir
    Path dir;

    @Test
    void echoesEventsAndReportsHandlerExceptions() throws IOException {
        try (LambdaSimulator simulator = LambdaSimulator.builder().functionTimeout(Duration.ofSeconds(20)).build().start()) {
            simulator.launchRuntime(javaRuntimeClient(EchoHandler.class.getName() + "::handleRequest"), Map.of());

            InvocationResult echoed = simulator.invoke(Invocation.of("{\"hello\":\"world\"}"));
            InvocationResult failed = simulator.invoke(Invocation.of("\"fail\""));

            assertEquals(Outcome.RESPONSE, echoed.outcome());
            assertEquals("{\"hello\":\"world\"}", echoed.bodyAsString());
            assertEquals(Outcome.FUNCTION_ERROR, failed.outcome());
            assertTrue(failed.bodyAsString().contains("failure requested by the event"), failed.bodyAsString());
            RecordedRequest errorReport = failed.runtimeRequest().orElseThrow();
            assertEquals(List.of("Runtime.UserException"), errorReport.headerValues(LambdaApi.FUNCTION_ERROR_TYPE));
            assertTrue(errorReport.header(LambdaApi.XRAY_ERROR_CAUSE).orElseThrow().contains("IllegalStateException"));
        }
    }

    /**
     * The client unpacks its JNI library to one fixed file in /tmp, which processes started at the same time race
     * on; a private copy avoids that.
     */
    private List<String> javaRuntimeClient(String handler) throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        Path jni = dir.resolve("libaws-lambda-jni.so");
        try (InputStream library = getClass().getResourceAsStream("/jni/libaws-lambda-jni.linux-" + arch + ".so")) {
            Files.copy(library, jni);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jni,
                "-cp", System.getProperty("java.class.path"),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
    }
}
