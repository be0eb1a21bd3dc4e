package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.LambdaApi;
import dev.lrap.e2e.functions.FailAtInit;
import dev.lrap.e2e.functions.Journal;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * A function that fails at init. AWS's runtime client reports a handler class that cannot be loaded on
 * {@code /init/error}, then exits; Lambda answers every invocation with that report.
 */
class InitErrorIT {

    @RegisterExtension
    static final LambdaEnvironment brokenFunction = LambdaEnvironment.of(FailAtInit.class).build();

    @Test
    void callerGetsTheRuntimesInitError() {
        InvocationResult result = brokenFunction.invoke("{}");

        assertEquals(Outcome.INIT_FAILED, result.outcome());
        // what AWS's client reports for a static initializer that throws: the class, not the exception behind it
        assertEquals("{\"errorMessage\":\"Error loading class " + FailAtInit.class.getName()
                + "\",\"errorType\":\"java.lang.ExceptionInInitializerError\"}", result.bodyAsString());
        assertEquals(List.of("Runtime.BadFunctionCode"),
                result.runtimeRequest().orElseThrow().headerValues(LambdaApi.FUNCTION_ERROR_TYPE));
    }

    @Test
    void initErrorReachesLambdaThroughLrap() {
        InvocationResult result = brokenFunction.invoke("{}");

        // Lambda has the runtime's own report, and the runtime knew no Runtime API but lrap's
        assertEquals(Outcome.INIT_FAILED, result.outcome());
        assertTrue(result.runtimeRequest().isPresent(), result::bodyAsString);
        assertEquals(List.of(Journal.initAgainst(brokenFunction.lrapAddress())), brokenFunction.journal());
        assertNotEquals(brokenFunction.lambda().runtimeApi(), brokenFunction.lrapAddress());
    }
}
