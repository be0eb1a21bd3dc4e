package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * Lambda always sets {@code AWS_REGION}; a container image run under the Runtime Interface Emulator does not unless
 * told to. Without it, lrap stops at start naming the variable, instead of quoting the SDK's search for a region.
 */
class MissingRegionIT {

    @RegisterExtension
    static final LambdaEnvironment withoutRegion = LambdaEnvironment.of(Echo.class)
            .region("")
            // no EC2 instance metadata to ask here either, and asking it would only take time
            .with("AWS_EC2_METADATA_DISABLED", "true")
            .build();

    @Test
    void lrapStopsNamingAwsRegion() {
        assertEquals(Outcome.INIT_FAILED, withoutRegion.invoke("{}").outcome());

        withoutRegion.lrapExit();
        String log = withoutRegion.lrap().output();
        assertTrue(log.contains("lrap stopped: AWS_REGION must be the AWS Region of lrap's table"), log);
        assertFalse(log.contains("DefaultAwsRegionProviderChain"), log);
    }
}
