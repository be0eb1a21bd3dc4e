package dev.lrap.proxy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

/**
 * The room lrap has for bodies it holds whole, all runtimes together. With {@code AWS_LAMBDA_MAX_CONCURRENCY}, several
 * runtimes post their results at the same time, and each body held and rewritten costs a few times its size of
 * lrap's heap: eight results of 15 MiB, each within what lrap holds of one, exhausted the JVM layer's 128 MiB. A body
 * that finds no room left goes on as a stream, unread and unchanged, as one too large to hold does.
 */
@ApplicationScoped
class HeldBytes {

    /** As much as lrap holds of one body: the heap takes one rewritten, whatever the runtimes send at once. */
    static final long ROOM = WholeBody.LARGEST;

    private final AtomicLong held = new AtomicLong();

    /** Takes room for {@code bytes} more; false, taking none, when there is not that much left. */
    boolean take(long bytes) {
        return held.getAndUpdate(before -> before + bytes <= ROOM ? before + bytes : before) + bytes <= ROOM;
    }

    void giveBack(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Gives back the room {@code taken} says once the request of {@code routing} is over, however it ends. */
    void giveBackWhenOver(RoutingContext routing, LongSupplier taken) {
        AtomicBoolean givenBack = new AtomicBoolean();
        routing.addEndHandler(over -> {
            if (givenBack.compareAndSet(false, true)) {
                giveBack(taken.getAsLong());
            }
        });
    }
}
