package dev.lrap.proxy;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.streams.ReadStream;

/**
 * A body read whole into one buffer, for the requests and answers lrap may rewrite. When the body has a
 * {@code Content-Length}, the buffer is allocated at that size up front, and its array then holds exactly the body:
 * the transformer gets that array itself ({@link #bytesOf}). Vert.x's own {@code body()} grows its buffer by doubling,
 * which copies a 1 MiB body about twice over, and the transformer's {@code byte[]} was one more copy.
 * <p>
 * lrap holds no body whole that is larger than {@link #LARGEST}, nor more of all bodies at once than {@link HeldBytes}
 * has room for: a runtime may send hundreds of megabytes, far more than lrap's heap. {@link StreamedBodyRelay} passes
 * such a body on as it comes, and Lambda, which takes 6 MB in one piece, refuses it as it would without lrap.
 */
final class WholeBody {

    /**
     * The largest body lrap holds whole: past Lambda's 6 MB, so that a result that offloading brings under Lambda's
     * limit gets there, and a small part of the JVM layer's 128 MiB heap, as a rewrite holds a result a few times over.
     */
    static final int LARGEST = 16 * 1024 * 1024;

    /** The routing context's entry for a body of unknown length that {@link StreamedBodyRelay} has read whole already. */
    static final String HELD = "lrap.held-body";

    private WholeBody() {
    }

    /** The length of the body the headers announce, 0 when they announce none. */
    static long announcedLength(MultiMap headers) {
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        return length == null ? 0 : Math.max(0, declaredLength(length));
    }

    /** Reads {@code body} to its end, in a buffer sized by the {@code Content-Length} in {@code headers}, if any. */
    static Future<Buffer> read(ReadStream<Buffer> body, MultiMap headers) {
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        long declared = length == null ? -1 : declaredLength(length);
        Buffer whole = declared >= 0 && declared <= LARGEST ? Buffer.buffer((int) declared) : Buffer.buffer();
        Promise<Buffer> read = Promise.promise();
        body.handler(whole::appendBuffer);
        body.endHandler(ended -> read.tryComplete(whole));
        body.exceptionHandler(read::tryFail);
        return read.future();
    }

    /** The bytes of a body, the buffer's own array when it holds exactly them, else a copy. */
    static byte[] bytesOf(Buffer body) {
        ByteBuf bytes = body.getByteBuf();
        if (bytes.hasArray() && bytes.arrayOffset() == 0 && bytes.readerIndex() == 0
                && bytes.readableBytes() == bytes.array().length) {
            return bytes.array();
        }
        return body.getBytes();
    }

    private static long declaredLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException invalid) {
            return -1;
        }
    }
}
