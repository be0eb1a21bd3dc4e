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
 * A result held whole goes on without its trailers, as Lambda's buffered responses have none; one handed over keeps them.
 */
final class HeldBody implements StreamedBody.Destination {

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
     * @param whole gets the body once it is complete within the room it could take
     * @param overflowed is told once the body grew past that room, and then calls {@link #handOver}
     */
    HeldBody(HeldBytes room, Handler<Buffer> whole, Consumer<HeldBody> overflowed) {
        this.room = room;
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
        if (overflowing) {
            return;
        }
        if (taken + chunk.length() <= WholeBody.LARGEST && room.take(chunk.length())) {
            taken += chunk.length();
        } else {
            overflowing = true;
            overflowed.accept(this);
        }
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
