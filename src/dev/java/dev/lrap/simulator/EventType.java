package dev.lrap.simulator;

/** The events an extension can subscribe to when it registers. */
public enum EventType {
    INVOKE,
    SHUTDOWN
}
