package dev.lrap.simulator;

import java.util.Set;

/**
 * An extension that registered with the simulator.
 *
 * @param name the {@code Lambda-Extension-Name} it registered with
 * @param identifier the {@code Lambda-Extension-Identifier} the simulator gave it
 * @param events the events it subscribed to
 */
public record RegisteredExtension(String name, String identifier, Set<EventType> events) {

    public RegisteredExtension {
        events = Set.copyOf(events);
    }
}
