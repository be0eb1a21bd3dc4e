package dev.lrap.proxy;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lrap.LambdaApi;

/**
 * The invocations handed to a runtime and not yet answered, with their deadlines, so that the work on a response can be
 * bounded by its invocation's deadline, and a response for any other invocation is left alone. An invocation is
 * forgotten once answered, or once its deadline has passed.
 * <p>
 * The request id is the one Lambda sent with the event, and a result's path must spell it byte for byte: Lambda's
 * Runtime API matches the id in the path as it is, undecoded, so {@code /invocation/%61bc/response} is no answer to
 * invocation {@code abc}, and Lambda refuses it.
 */
@ApplicationScoped
class InvocationDeadlines {

    /** An invocation handed to a runtime, with the deadline Lambda sent with its event, if a valid one. */
    record Delivered(OptionalLong deadline) {
    }

    private final Map<String, Delivered> delivered = new ConcurrentHashMap<>();

    /** Remembers an event on its way to the runtime. */
    void remember(UpstreamReply event) {
        String requestId = event.header(LambdaApi.REQUEST_ID);
        if (requestId == null) {
            return;
        }
        long now = System.currentTimeMillis();
        // invocations whose runtime died never answer; once their deadline has passed, Lambda takes no answer either
        delivered.values().removeIf(other -> other.deadline().isPresent() && other.deadline().getAsLong() < now);
        delivered.put(requestId, new Delivered(deadlineOf(event)));
    }

    /**
     * The invocation {@code requestId} as lrap handed it to a runtime, forgotten once asked for; empty when lrap never
     * handed it out, or it was answered already, or its deadline passed.
     */
    Optional<Delivered> take(String requestId) {
        return requestId == null ? Optional.empty() : Optional.ofNullable(delivered.remove(requestId));
    }

    /** The deadline of invocation {@code requestId}, handed to a runtime and not answered yet, if Lambda sent one. */
    OptionalLong deadline(String requestId) {
        Delivered invocation = requestId == null ? null : delivered.get(requestId);
        return invocation == null ? OptionalLong.empty() : invocation.deadline();
    }

    /** The deadline Lambda sent with an event, if it sent a valid one. */
    static OptionalLong deadlineOf(UpstreamReply event) {
        String deadline = event.header(LambdaApi.DEADLINE_MS);
        try {
            return deadline == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(deadline.trim()));
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }
}
