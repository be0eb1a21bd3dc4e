package dev.lrap.offload;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.lrap.proxy.InvocationContext;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * The time DynamoDB calls for one payload may take: until the invocation's deadline, less a margin for handing the
 * payload on: {@link #EVENT_MARGIN} for an event, {@code LRAP_PROXY_RESPONSE_MARGIN} for a response, the margin at
 * which the proxy stops waiting for the transform. Every call gets the time left as its {@code apiCallTimeout} (SDK
 * retries included), so no call outlives the invocation or the proxy's wait, and no call starts once the time is up.
 */
final class Deadline {

    /** Left for the proxy to hand an event to the runtime after the last DynamoDB call. */
    static final Duration EVENT_MARGIN = Duration.ofMillis(100);

    private static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    private final long endMillis;

    private Deadline(long endMillis) {
        this.endMillis = endMillis;
    }

    /**
     * The deadline of an invocation, {@code margin} before Lambda's; without one (only outside Lambda) calls run on
     * the SDK's own timeouts.
     */
    static Deadline of(InvocationContext context, Duration margin) {
        return context.deadlineMs().isPresent() ? new Deadline(context.deadlineMs().getAsLong() - margin.toMillis()) : NONE;
    }

    /** The time left, never negative. */
    Duration remaining() {
        return Duration.ofMillis(Math.max(0, endMillis - System.currentTimeMillis()));
    }

    /**
     * The override for one request that must finish in the time left.
     *
     * @throws ContentStoreException naming {@code what} when no time is left
     */
    AwsRequestOverrideConfiguration limit(String what) {
        Duration left = require(Duration.ZERO, what);
        AwsRequestOverrideConfiguration.Builder request = AwsRequestOverrideConfiguration.builder();
        if (this != NONE) {
            request.apiCallTimeout(left);
        }
        return request.build();
    }

    /**
     * Makes sure more than {@code time} is left.
     *
     * @return the time left
     * @throws ContentStoreException naming {@code what} otherwise
     */
    Duration require(Duration time, String what) {
        Duration left = remaining();
        if (left.compareTo(time) <= 0) {
            // the cause marks the failure as one of time, for the metrics' failure reason
            throw new ContentStoreException("no time left before the invocation's deadline to " + what, new TimeoutException(what));
        }
        return left;
    }
}
