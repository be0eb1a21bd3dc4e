package dev.lrap.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The body of an HTTP/1.1 request passed on chunk by chunk as it arrives, trailers included, and never held whole:
 * a response the function's runtime streams to Lambda. The request is paused whenever the destination cannot take
 * more.
 * <p>
 * Vert.x 4 parses request trailers (Netty's decoder puts them in the body's {@link LastHttpContent}) but drops them
 * before {@link HttpServerRequest} could show them (eclipse-vertx/vert.x#5253). Lambda's streamed responses report a
 * failure partway through in trailers, so a Netty handler placed just ahead of Vert.x's own in the connection's
 * pipeline copies them as the body's last part passes by, and then leaves the pipeline. Seeing that last part also
 * tells a body that was cut off from one that was complete when its connection closed.
 */
public final class StreamedBody {

    /** Where the body goes. Its methods are called on the request's event loop. */
    public interface Destination {

        void write(Buffer chunk);

        /** Whether the destination wants no more for now; it then calls the drain handler when it does again. */
        boolean writeQueueFull();

        void drainHandler(Handler<Void> drained);

        /** The body is complete; {@code trailers} as the sender wrote them, empty when it sent none. */
        void end(HttpHeaders trailers);

        /** The sender's connection closed before the body was complete. */
        void abort();
    }

    private static final String TRAILER_CAPTURE = "lrap-request-trailers";

    private final HttpServerRequest request;
    private final TrailerCapture capture = new TrailerCapture();
    /** Where the body goes, once {@link #pipeTo} says so. */
    private Destination destination;
    /** The body broke off before it had a destination. */
    private boolean cutOff;

    private StreamedBody(HttpServerRequest request) {
        this.request = request;
    }

    /**
     * Takes over the body of {@code request} and pauses it until {@link #pipeTo}. Call it while the request head is
     * handled, on its event loop, before any of the body has been read: the trailers of a body part that passed by
     * earlier would be missed.
     *
     * @throws IllegalArgumentException for an HTTP/2 request, whose trailers do not pass a Netty HTTP/1.1 pipeline
     */
    public static StreamedBody of(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2 || !(request.connection() instanceof ConnectionBase connection)) {
            throw new IllegalArgumentException("Only HTTP/1.x request bodies can be streamed with their trailers");
        }
        StreamedBody body = new StreamedBody(request.pause());
        ChannelHandlerContext vertxHandler = connection.channelHandlerContext();
        vertxHandler.pipeline().addBefore(vertxHandler.name(), TRAILER_CAPTURE, body.capture);
        // Vert.x drops a failure that comes while no handler is set, and a body may break in the same read as its head,
        // before its destination is there
        request.exceptionHandler(failure -> body.breakOff());
        return body;
    }

    /** The connection closed, or the body's framing broke; a connection may close after a complete body. */
    private void breakOff() {
        if (capture.complete) {
            return;
        }
        if (destination != null) {
            destination.abort();
        } else {
            cutOff = true;
        }
    }

    /** Passes the body on to {@code destination} from now on, including what arrived since {@link #of}. */
    public void pipeTo(Destination destination) {
        if (cutOff) {
            destination.abort();
            return;
        }
        this.destination = destination;
        request.handler(chunk -> {
            destination.write(chunk);
            if (destination.writeQueueFull()) {
                request.pause();
                destination.drainHandler(drained -> request.resume());
            }
        });
        request.endHandler(ended -> destination.end(capture.trailers));
        request.resume();
        continueIfExpected(request);
    }

    /**
     * Tells a sender that waits for leave to send its body ({@code Expect: 100-continue}, as curl asks before a body
     * over 1 MiB or of unknown length) to go on, as Lambda does once it reads the body: the sender would otherwise wait
     * for its own timeout, or for ever.
     */
    static void continueIfExpected(HttpServerRequest request) {
        if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            request.response().writeContinue();
        }
    }

    /** Reads the rest of the body and drops it, for a request that has had its answer already. */
    public void discard() {
        request.handler(null).endHandler(null).exceptionHandler(null).resume();
    }

    /** Copies the trailers of the body's last part, then steps out of the pipeline. */
    private static final class TrailerCapture extends ChannelInboundHandlerAdapter {

        private HttpHeaders trailers = EmptyHttpHeaders.INSTANCE;
        private boolean complete;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            // a body whose framing broke (a chunk size that is no number, trailers past the listener's limit) ends in
            // a last part that failed to decode: it is no complete body, and Vert.x closes its connection
            if (!(message instanceof LastHttpContent last) || last.decoderResult().isFailure()) {
                context.fireChannelRead(message);
                return;
            }
            // before passing it on: Vert.x may end the request, and call the end handler, while it handles the part
            trailers = last.trailingHeaders().copy();
            complete = true;
            context.fireChannelRead(message);
            context.pipeline().remove(this);
        }
    }
}
