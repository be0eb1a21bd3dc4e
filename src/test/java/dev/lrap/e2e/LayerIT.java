package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.e2e.functions.Probe;
import dev.lrap.simulator.EventType;
import dev.lrap.simulator.RegisteredExtension;

/**
 * The layer this build made, unpacked as Lambda unpacks it, in a function's environment: every test in this package
 * runs lrap from it. Here what the layer itself has to get right: the name lrap registers under, and the wrapper.
 */
class LayerIT {

    @RegisterExtension
    static final LambdaEnvironment probe = LambdaEnvironment.of(Probe.class).build();

    /** Lambda only accepts the name of the file it started in /opt/extensions. */
    @Test
    void lrapRegistersUnderItsFileName() {
        List<RegisteredExtension> registered = probe.lambda().registeredExtensions();

        assertEquals(List.of("lrap"), registered.stream().map(RegisteredExtension::name).toList());
    }

    /** An extension subscribed to INVOKE would make every invocation wait for it. */
    @Test
    void lrapSubscribesToShutdownOnly() {
        List<RegisteredExtension> registered = probe.lambda().registeredExtensions();

        assertEquals(List.of(Set.of(EventType.SHUTDOWN)), registered.stream().map(RegisteredExtension::events).toList());
    }

    @Test
    void wrapperPointsTheRuntimeAtLrap() {
        String runtimeApi = Documents.json(probe.invoke("{}")).get("runtimeApi").textValue();

        assertEquals(probe.lrapAddress(), runtimeApi);
        assertNotEquals(probe.lambda().runtimeApi(), runtimeApi);
    }
}
