package dev.lrap.offload;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Repeats a DynamoDB batch call with what it left unprocessed (throttled or over the response size limit), as often
 * as {@code AWS_MAX_ATTEMPTS} allows in all, with the SDK's exponential backoff with full jitter, never past the
 * deadline. A call that fails as a whole is the SDK's to retry; unprocessed items are a success to the SDK.
 */
final class BatchRetry {

    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(1));

    private final int maxAttempts;

    BatchRetry(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * Calls {@code call} with {@code requests}, then with what each call returns as unprocessed, until none is left.
     *
     * @throws ContentStoreException naming {@code what} when attempts or time run out
     */
    <T> void untilDone(Map<String, T> requests, UnaryOperator<Map<String, T>> call, Deadline deadline, String what) {
        Map<String, T> pending = call.apply(requests);
        for (int retry = 1; !pending.isEmpty(); retry++) {
            if (retry >= maxAttempts) {
                throw new ContentStoreException("DynamoDB left items unprocessed after %d attempts to %s".formatted(maxAttempts, what));
            }
            pause(BACKOFF.computeDelay(retry), deadline, what);
            pending = call.apply(pending);
        }
    }

    private static void pause(Duration delay, Deadline deadline, String what) {
        deadline.require(delay, what);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentStoreException("interrupted while waiting to " + what);
        }
    }
}
