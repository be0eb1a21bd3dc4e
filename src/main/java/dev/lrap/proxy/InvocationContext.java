package dev.lrap.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.vertx.core.MultiMap;

/**
 * What a {@link PayloadTransformer} knows about the invocation a payload belongs to.
 *
 * @param requestId the {@code Lambda-Runtime-Aws-Request-Id} of the invocation
 * @param deadlineMs the invocation's absolute deadline in epoch milliseconds, when Lambda sent one
 * @param headers the headers that came with the payload, names as sent
 */
public record InvocationContext(String requestId, OptionalLong deadlineMs, Map<String, List<String>> headers) {

    /** The context of a payload that came with {@code headers}. */
    static InvocationContext of(String requestId, OptionalLong deadlineMs, MultiMap headers) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        headers.names().forEach(name -> byName.put(name, headers.getAll(name)));
        return new InvocationContext(requestId, deadlineMs, byName);
    }

    /** Milliseconds left until the deadline, or {@code Long.MAX_VALUE} when there is none. */
    public long remainingMillis() {
        return deadlineMs.isPresent() ? deadlineMs.getAsLong() - System.currentTimeMillis() : Long.MAX_VALUE;
    }
}
