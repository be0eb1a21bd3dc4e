package dev.lrap.offload;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Repeats a DynamoDB batch call with what it left unprocessed (throttled or over the response size limit), with
 * exponential backoff and full jitter as AWS recommends, a bounded number of times, never past the deadline.
 * Throttling errors of a whole call are the SDK's to retry.
 */
final class BatchRetry {

    static final int MAX_ATTEMPTS = 8;

    private static final long FIRST_DELAY_MILLIS = 25;
    private static final long MAX_DELAY_MILLIS = 1_000;

    private BatchRetry() {
    }

    /**
     * Calls {@code call} with {@code requests}, then with what each call returns as unprocessed, until none is left.
     *
     * @throws ContentStoreException naming {@code what} when attempts or time run out
     */
    static <T> void untilDone(Map<String, T> requests, UnaryOperator<Map<String, T>> call, Deadline deadline, String what) {
        Map<String, T> pending = requests;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause(attempt, deadline, what);
            }
            pending = call.apply(pending);
        }
    }

    private static void pause(int attempt, Deadline deadline, String what) {
        if (attempt > MAX_ATTEMPTS) {
            throw new ContentStoreException("DynamoDB left items unprocessed after %d attempts to %s".formatted(MAX_ATTEMPTS, what));
        }
        long ceiling = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << (attempt - 2));
        long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
        deadline.require(Duration.ofMillis(delay), what);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentStoreException("interrupted while waiting to " + what);
        }
    }
}
