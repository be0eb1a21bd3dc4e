package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The listener's limits that would cut a runtime off: a poll idles for as long as the environment is frozen, far
 * beyond Quarkus's 30-minute idle timeout, so that timeout is off rather than waited for here (docs/runtime-api.md,
 * rules 3 and 5). IdleNextIT shows the 30 s and 60 s defaults of the other timeouts passing by for real.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class ListenerTimeoutsTest {

    @Test
    void idleConnectionsAreNeverClosed() {
        assertEquals(Duration.ZERO, setting("quarkus.http.idle-timeout", Duration.class));
    }

    @Test
    void aSlowBodyIsNotCutAfterAMinute() {
        assertTrue(setting("quarkus.http.read-timeout", Duration.class).compareTo(Duration.ofDays(1)) > 0);
    }

    @Test
    void headersOfOneMebibyteAndBodiesBeyondSixMegabytesAreAccepted() {
        assertTrue(setting("quarkus.http.limits.max-header-size", MemorySize.class).asLongValue() > 1024 * 1024);
        assertTrue(setting("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue() > 6 * 1024 * 1024);
    }

    private static <T> T setting(String name, Class<T> type) {
        return ConfigProvider.getConfig().getValue(name, type);
    }
}
