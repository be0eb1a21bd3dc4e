package dev.lrap.proxy;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lrap.LambdaApi;

/**
 * The deadlines of invocations handed to a runtime and not yet answered, so that the work on a response can be
 * bounded by its invocation's deadline. A deadline is forgotten once asked for, or once it has passed.
 */
@ApplicationScoped
class InvocationDeadlines {

    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();

    /** Remembers the deadline of an event on its way to the runtime. */
    void remember(UpstreamReply event) {
        deadlineOf(event).ifPresent(deadline -> {
            long now = System.currentTimeMillis();
            // invocations whose runtime died never answer; their deadlines are of no more use
            deadlines.values().removeIf(other -> other < now);
            deadlines.put(event.header(LambdaApi.REQUEST_ID), deadline);
        });
    }

    /** The deadline of an invocation handed to the runtime, forgotten once asked for. */
    OptionalLong take(String requestId) {
        Long deadline = deadlines.remove(requestId);
        return deadline == null ? OptionalLong.empty() : OptionalLong.of(deadline);
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
