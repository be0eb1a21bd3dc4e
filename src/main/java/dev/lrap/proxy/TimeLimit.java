package dev.lrap.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A time limit on work whose outcome may come first: its timer is cancelled as soon as the outcome is known, so that
 * no timer outlives the work it bounds, and none runs for work long finished.
 */
final class TimeLimit {

    private TimeLimit() {
    }

    /**
     * Runs {@code outOfTime} on the caller's context once {@code millis} (at least 1) have passed, unless
     * {@code outcome} has completed by then. The outcome may complete on another thread as the time runs out:
     * {@code outOfTime} settles it only if it is still open ({@code tryComplete}, say).
     */
    static void unlessDoneWithin(Vertx vertx, long millis, Future<?> outcome, Runnable outOfTime) {
        long timer = vertx.setTimer(Math.max(1, millis), elapsed -> outOfTime.run());
        outcome.onComplete(done -> vertx.cancelTimer(timer));
    }
}
