package dev.lrap.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The launcher waits for the environment to be ready, takes the settings it reports, and stops it. */
class DevLauncherTest {

    @Test
    void namesTheEnvironmentItStarts() {
        assertEquals(DevEnvironment.class.getName(), DevLauncher.ENVIRONMENT);
    }

    @Test
    void returnsOnceTheEnvironmentIsReadyWithTheSettingsItReports() throws IOException {
        String ready = DevLauncher.readyLine(Map.of("lrap.runtime-api-endpoint", "127.0.0.1:9001"));
        DevLauncher.Started started = DevLauncher.start(List.of("sh", "-c", "echo starting; echo '" + ready + "'; exec sleep 60"));

        assertEquals(Map.of("lrap.runtime-api-endpoint", "127.0.0.1:9001"), started.settings());
        assertTrue(started.process().isAlive());
        started.stop();
        assertFalse(started.process().isAlive());
    }

    @Test
    void failsWhenTheEnvironmentEndsBeforeItIsReady() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> DevLauncher.start(List.of("sh", "-c", "echo 'port 9001 is in use'; exit 3")));

        assertTrue(failure.getMessage().contains("exit code 3"), failure.getMessage());
    }

    /**
     * {@code quarkus:dev} with a port already in use: the launcher, as the agent of a JVM, stops that JVM with the
     * environment's one line that says which port and what to do, and its own, not with stack traces.
     */
    @Test
    void aPortInUseStopsDevModeWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder devMode = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:target/lrap-dev/launcher.jar=target/test-classes" + File.pathSeparator + "target/classes",
                    "-version").redirectErrorStream(true);
            devMode.environment().put("LRAP_DEV_RUNTIME_API_PORT", Integer.toString(taken.getLocalPort()));
            Process process = devMode.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertEquals(1, process.waitFor());
            assertTrue(output.contains("ERROR [lrap-dev] The Lambda dev environment did not start: The Lambda simulator"
                    + " cannot listen on 127.0.0.1:" + taken.getLocalPort()), output);
            assertTrue(output.contains("choose other ports with LRAP_DEV_RUNTIME_API_PORT"), output);
            assertFalse(output.contains("\tat "), output);
        }
    }

    @Test
    void anEnvironmentWithNothingToOfferReportsNoSettings() throws IOException {
        DevLauncher.Started started = DevLauncher.start(List.of("sh", "-c", "echo '" + DevLauncher.readyLine(Map.of()) + "'"));

        assertEquals(Map.of(), started.settings());
        started.stop();
    }
}
