package dev.lrap.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

    @Test
    void anEnvironmentWithNothingToOfferReportsNoSettings() throws IOException {
        DevLauncher.Started started = DevLauncher.start(List.of("sh", "-c", "echo '" + DevLauncher.readyLine(Map.of()) + "'"));

        assertEquals(Map.of(), started.settings());
        started.stop();
    }
}
