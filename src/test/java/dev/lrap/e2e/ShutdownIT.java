package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.simulator.ProcessExit;

/** Lambda's SHUTDOWN: SIGTERM to the runtime, then the event to lrap, and two seconds for both before SIGKILL. */
class ShutdownIT {

    @RegisterExtension
    static final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class).build();

    @Test
    void lrapExitsZeroWithinLambdasShutdownBudget() {
        // an environment that has served an invocation, with the runtime's next poll under way through lrap
        assertEquals(Outcome.RESPONSE, echo.invoke("{}").outcome());

        ProcessExit exit = echo.lrapExit();

        assertEquals(0, exit.exitCode(), exit::toString);
        assertFalse(exit.killed(), () -> "lrap outlived the shutdown budget: " + exit);
    }
}
