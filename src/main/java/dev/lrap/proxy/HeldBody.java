package dev.lrap.proxy;

import java.util.function.Consumer;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * A result of unknown length (chunked) held whole while it stays within {@link WholeBody#LARGEST} and there is room
 * for it ({@link HeldBytes}), so that lrap may rewrite it; once it grows past either it is handed over to a
 * destination that takes it as a stream, what was held first. Until that destination is there, the sender is paused.
 * <p>
 * A body that finds no room for more once it holds part of itself does not wait for it: two bodies that each held part
 * would wait for each other until their deadlines. Only a result that holds nothing yet waits, for room for its
 * {@link #FIRST_PIECE} ({@link StreamedBodyRelay}).
 * <p>
 * A result held whole goes on without its trailers, as Lambda's buffered responses have none; one handed over keeps them.
 */
final class HeldBody implements StreamedBody.Destination {

    /**
     * The room a result of unknown length takes before its first byte, waiting for it if need be: one piece of the
     * body as Vert.x hands it on ({@code quarkus.http.limits.max-chunk-size}, 8 KiB), the least it needs to be held at
     * all. A slice of what it may grow to would make it wait for room that results still being read hold, and their
     * runtimes may take long to send them: with results of 15 MiB sent all but their ends at once, every one after the
     * first would wait until its deadline. So a result waits only when the room is full, and one that starts and then
     * runs out passes unread, as it could not wait then anyway.
     */
    static final int FIRST_PIECE = 8 * 1024;

    private final HeldBytes room;
    private final Handler<Buffer> whole;
    private final Consumer<HeldBody> overflowed;
    /** The chunks as they came, not copied into one buffer that would grow by doubling: lrap's heap is small. */
    private CompositeByteBuf held = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    private StreamedBody.Destination stream;
    private Handler<Void> drained;
    private HttpHeaders trailers;
    private boolean overflowing;
    private boolean aborted;
    /** The room taken for what is held, given back once it is handed over, or else when the request is over. */
    private long taken;

    /**
     * @param reserved the room taken for the body before its first byte; it takes more as it grows past that
     * @param whole gets the body once it is complete within the room it could take
     * @param overflowed is told once the body grew past that room, and then calls {@link #handOver}
     */
    HeldBody(HeldBytes room, long reserved, Handler<Buffer> whole, Consumer<HeldBody> overflowed) {
        this.room = room;
        this.taken = reserved;
        this.whole = whole;
        this.overflowed = overflowed;
    }

    /** From now on the body goes to {@code destination}, starting with what was held. */
    void handOver(StreamedBody.Destination destination) {
        stream = destination;
        stream.write(Buffer.buffer(held));
        held = null;
        // what was held is on its way: a stream may last long, and other bodies need the room meanwhile
        room.giveBack(taken);
        taken = 0;
        if (trailers != null) {
            stream.end(trailers);
        } else if (aborted) {
            stream.abort();
        } else if (drained != null) {
            drained.handle(null);
        }
    }

    @Override
    public void write(Buffer chunk) {
        if (stream != null) {
            stream.write(chunk);
            return;
        }
        held.addComponent(true, chunk.getByteBuf());
        if (!overflowing && !roomFor(held.readableBytes())) {
            overflowing = true;
            overflowed.accept(this);
        }
    }

    /** Whether there is room for {@code bytes} of the body, taking more at once if need be, never waiting for it. */
    private boolean roomFor(long bytes) {
        if (bytes <= taken) {
            return true;
        }
        if (bytes > WholeBody.LARGEST || !room.take(bytes - taken)) {
            return false;
        }
        taken = bytes;
        return true;
    }

    /** The room this body has taken. */
    long taken() {
        return taken;
    }

    /** Full while the stream it overflows to is being opened. */
    @Override
    public boolean writeQueueFull() {
        return stream != null ? stream.writeQueueFull() : overflowing;
    }

    @Override
    public void drainHandler(Handler<Void> drained) {
        if (stream != null) {
            stream.drainHandler(drained);
        } else {
            this.drained = drained;
        }
    }

    @Override
    public void end(HttpHeaders trailers) {
        if (stream != null) {
            stream.end(trailers);
        } else if (overflowing) {
            this.trailers = trailers;
        } else {
            // the room taken ahead that the body does not fill is for other bodies
            room.giveBack(taken - held.readableBytes());
            taken = held.readableBytes();
            whole.handle(Buffer.buffer(held));
        }
    }

    /** The sender hung up: a held body is dropped, as Lambda drops a request cut off; a handed-over one is cut off upstream. */
    @Override
    public void abort() {
        if (stream != null) {
            stream.abort();
        } else {
            aborted = true;
        }
    }
}
