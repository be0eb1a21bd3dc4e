package dev.lrap.proxy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The room lrap has for bodies it holds whole, all runtimes together. With {@code AWS_LAMBDA_MAX_CONCURRENCY}, several
 * runtimes post their results at the same time, and each body held and rewritten costs a few times its size of
 * lrap's heap: eight results of 15 MiB, each within what lrap holds of one, exhausted the JVM layer's 128 MiB. A result
 * that finds no room left before it holds any of itself waits for the others to give theirs back, while its invocation
 * has time; a body that finds none in time goes on as a stream, unread and unchanged, as one too large to hold does,
 * and a warning says so: better a result not offloaded than every invocation lost with lrap.
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

    /** A body waiting for room, on the event loop of its request. */
    private record Waiting(long bytes, Context context, Promise<Boolean> taken) {
    }

    private final long room = Math.max(WholeBody.LARGEST, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    private final Vertx vertx;
    /** The bytes held; guarded by this, as are the bodies waiting, in the order they came. */
    private long held;
    private final List<Waiting> waiting = new ArrayList<>();

    HeldBytes(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The room for all bodies at once, in bytes. */
    long room() {
        return room;
    }

    /** Takes room for {@code bytes} more; false, taking none, when there is not that much left. */
    boolean take(long bytes) {
        boolean taken = takeIfFree(bytes);
        if (!taken) {
            passedUnread();
        }
        return taken;
    }

    /**
     * Takes room for {@code bytes} for the request of {@code routing} as soon as other bodies give enough back, within
     * {@code millis}: the future, completed on the request's event loop, says whether it was taken. A request that is
     * over first, its runtime gone, stops waiting and takes none.
     */
    Future<Boolean> takeWithin(RoutingContext routing, long bytes, long millis) {
        if (takeIfFree(bytes)) {
            return Future.succeededFuture(true);
        }
        Waiting body = new Waiting(bytes, vertx.getOrCreateContext(), Promise.promise());
        synchronized (this) {
            waiting.add(body);
        }
        TimeLimit.unlessDoneWithin(vertx, millis, body.taken().future(), () -> {
            if (stopWaiting(body)) {
                passedUnread();
                body.taken().complete(false);
            }
        });
        routing.addEndHandler(over -> {
            if (stopWaiting(body)) {
                body.taken().complete(false);
            }
        });
        return body.taken().future();
    }

    void giveBack(long bytes) {
        List<Waiting> served = new ArrayList<>();
        synchronized (this) {
            held -= bytes;
            for (Iterator<Waiting> next = waiting.iterator(); next.hasNext();) {
                Waiting body = next.next();
                if (held + body.bytes() <= room) {
                    held += body.bytes();
                    next.remove();
                    served.add(body);
                }
            }
        }
        served.forEach(body -> body.context().runOnContext(now -> body.taken().complete(true)));
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

    /** Takes room for {@code bytes} more if there is that much left; says nothing when there is not. */
    synchronized boolean takeIfFree(long bytes) {
        if (held + bytes > room) {
            return false;
        }
        held += bytes;
        return true;
    }

    /** Whether {@code body} was still waiting; it is not any more. */
    private synchronized boolean stopWaiting(Waiting body) {
        return waiting.remove(body);
    }

    /** Says that a result goes on unread for lack of room. */
    void passedUnread() {
        LOG.warnf("A result passes on unread and unchanged, so nothing of it is offloaded: the results lrap holds "
                + "for other runtimes fill the %d MiB it holds at once (give lrap more memory)", room >> 20);
    }
}
