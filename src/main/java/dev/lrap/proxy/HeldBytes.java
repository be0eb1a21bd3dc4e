package dev.lrap.proxy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.ext.web.RoutingContext;

/**
 * The room lrap has for bodies it holds whole, all runtimes together. With {@code AWS_LAMBDA_MAX_CONCURRENCY}, several
 * runtimes post their results at the same time, and each body held and rewritten costs a few times its size of
 * lrap's heap: eight results of 15 MiB, each within what lrap holds of one, exhausted the JVM layer's 128 MiB. A body
 * that finds no room left goes on as a stream, unread and unchanged, as one too large to hold does, and a warning
 * says so: better a result not offloaded than every invocation lost with lrap.
 */
@ApplicationScoped
class HeldBytes {

    private static final Logger LOG = Logger.getLogger(HeldBytes.class);

    /**
     * The share of the heap bodies held whole may take: a body rewritten costs about three times its size. The JVM
     * layer's 128 MiB holds one body of the largest size at a time; a larger heap ({@code LRAP_JAVA_OPTS=-Xmx…}, or a
     * native lrap in a function with more memory) holds more at once.
     */
    private static final int HEAP_SHARE = 8;

    private final long room = Math.max(WholeBody.LARGEST, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    private final AtomicLong held = new AtomicLong();

    /** Takes room for {@code bytes} more; false, taking none, when there is not that much left. */
    boolean take(long bytes) {
        boolean taken = held.getAndUpdate(before -> before + bytes <= room ? before + bytes : before) + bytes <= room;
        if (!taken) {
            LOG.warnf("A result passes on unread and unchanged, so nothing of it is offloaded: the results lrap holds "
                    + "for other runtimes fill the %d MiB it holds at once (give lrap more memory)", room >> 20);
        }
        return taken;
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
