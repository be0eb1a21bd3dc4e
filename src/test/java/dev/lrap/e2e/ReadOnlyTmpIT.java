package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * lrap writes nothing to the function's /tmp: it starts, stores and resolves with a temporary directory where
 * nothing can be created, as in a container whose /tmp is read-only or full. It is the JVM layer's temporary
 * directory that is taken away here; a native lrap has no other.
 */
class ReadOnlyTmpIT {

    @RegisterExtension
    static final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class)
            .with("LRAP_JAVA_OPTS", "-Djava.io.tmpdir=/dev/null/tmp")
            .build();

    @Test
    void lrapOffloadsWithoutATemporaryDirectory() {
        InvocationResult offload = echo.invoke("{\"page\":\"" + "a".repeat(20_000) + "\"}");

        assertEquals(Outcome.RESPONSE, offload.outcome(), offload::bodyAsString);
        String reference = Documents.json(offload).get("page").textValue();
        assertTrue(Documents.REFERENCE.matcher(reference).matches(), reference);
    }
}
