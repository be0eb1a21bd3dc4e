package dev.lrap.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What extensions did that tests ask about: who registered and which errors they reported. The simulator's
 * event loop writes it while test threads read it and wait on it, hence the locking.
 */
final class ExtensionLog {

    private final List<RegisteredExtension> registrations = new ArrayList<>();
    private final List<ExtensionError> errors = new ArrayList<>();

    synchronized void registered(RegisteredExtension extension) {
        registrations.add(extension);
        notifyAll();
    }

    synchronized void reported(ExtensionError error) {
        errors.add(error);
    }

    synchronized List<RegisteredExtension> registrations() {
        return List.copyOf(registrations);
    }

    synchronized List<ExtensionError> errors() {
        return List.copyOf(errors);
    }

    /** Blocks until {@code count} extensions have registered in all. */
    synchronized List<RegisteredExtension> awaitRegistrations(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (registrations.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("Only " + registrations.size() + " of " + count
                            + " extensions registered within " + timeout);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for extensions to register", e);
        }
        return List.copyOf(registrations);
    }
}
