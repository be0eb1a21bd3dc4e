package dev.lrap.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.vertx.core.Promise;

/**
 * One registered extension as the Extensions API sees it: the events it has not received yet and the
 * {@code event/next} poll waiting for them. Its next poll after an INVOKE event tells Lambda that the
 * extension is done with that invocation.
 */
final class ExtensionAgent {

    /** An event on its way; {@code invocation} is the one an INVOKE event is about, null for SHUTDOWN. */
    private record QueuedEvent(byte[] json, PendingInvocation invocation) {
    }

    private final RegisteredExtension registration;
    private final Deque<QueuedEvent> events = new ArrayDeque<>();
    private Promise<byte[]> waitingPoll;
    private PendingInvocation handling;
    private boolean polled;

    ExtensionAgent(RegisteredExtension registration) {
        this.registration = registration;
    }

    RegisteredExtension registration() {
        return registration;
    }

    boolean subscribesTo(EventType type) {
        return registration.events().contains(type);
    }

    /** Whether it has called {@code event/next}, which ends its init. */
    boolean hasPolled() {
        return polled;
    }

    void sendInvoke(byte[] json, PendingInvocation invocation) {
        events.add(new QueuedEvent(json, invocation));
        deliver();
    }

    void sendShutdown(byte[] json) {
        events.add(new QueuedEvent(json, null));
        deliver();
    }

    /**
     * Takes a new {@code event/next} poll.
     *
     * @return the invocation this poll shows the extension to be done with
     */
    Optional<PendingInvocation> poll(Promise<byte[]> poll) {
        polled = true;
        Optional<PendingInvocation> finished = Optional.ofNullable(handling);
        finished.ifPresent(invocation -> invocation.extensionFinished(this));
        handling = null;
        waitingPoll = poll;
        deliver();
        return finished;
    }

    private void deliver() {
        if (waitingPoll == null || events.isEmpty()) {
            return;
        }
        // a poll whose connection has closed is already failed: the event stays queued for the next one
        if (waitingPoll.tryComplete(events.peek().json())) {
            handling = events.poll().invocation();
        }
        waitingPoll = null;
    }
}
