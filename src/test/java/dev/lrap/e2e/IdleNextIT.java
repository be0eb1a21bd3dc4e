package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.ProcessExit;

/**
 * Long polls wait as long as Lambda has nothing to send, across freezes too: longer than the 30 s and 60 s that HTTP
 * clients and servers use as read timeouts by default (Quarkus' REST client 30 s, its server's blocking read 60 s).
 * Both of lrap's long polls have to outlast them: the runtime's {@code /next} it relays, and its own
 * {@code event/next}.
 */
@Tag("slow")
class IdleNextIT {

    private static final Duration IDLE = Duration.ofSeconds(65);

    @RegisterExtension
    static final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class).build();

    private static InvocationResult afterIdling;
    private static boolean lrapAliveAfterIdling;

    /** The idle time is long, so the tests share it: they look at what happened here. */
    @BeforeAll
    static void idleLongerThanTheDefaultTimeoutsThenInvokeAndShutDown() throws InterruptedException {
        // after an invocation the runtime polls /next again at once, and lrap upstream; lrap polls event/next since init
        assertEquals(Outcome.RESPONSE, echo.invoke("{}").outcome());
        // no readiness to wait for: idling is the point
        Thread.sleep(IDLE.toMillis());
        afterIdling = echo.invoke("{\"after\":\"idling\"}");
        lrapAliveAfterIdling = echo.lrap().isAlive();
        echo.shutdown();
    }

    @Test
    void runtimesNextOutlastsTheIdleTime() {
        assertEquals(Outcome.RESPONSE, afterIdling.outcome(), afterIdling::bodyAsString);
        assertEquals("{\"after\":\"idling\"}", afterIdling.bodyAsString());
    }

    @Test
    void lrapsEventNextOutlastsTheIdleTime() {
        // lrap would report a failed event/next as an exit error, and exit; it would not see SHUTDOWN
        assertTrue(lrapAliveAfterIdling, "lrap exited while idle");
        assertEquals(List.of(), echo.lambda().extensionErrors());
        assertEquals(1, echo.lambda().registeredExtensions().size(), () -> echo.lambda().registeredExtensions().toString());
        ProcessExit lrap = echo.lrapExit();
        assertEquals(0, lrap.exitCode(), lrap::toString);
        assertFalse(lrap.killed(), lrap::toString);
    }
}
