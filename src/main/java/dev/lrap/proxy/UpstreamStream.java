package dev.lrap.proxy;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.NetSocketInternal;

/**
 * One streamed request to the upstream Runtime API, on a connection of its own, and the answer to it.
 * <p>
 * Vert.x 4's HTTP client cannot send request trailers (eclipse-vertx/vert.x#5253), so the request is written through
 * Netty's HTTP/1.1 codec on a Vert.x TCP connection, the way {@link NetSocketInternal} lets a protocol codec in. Vert.x
 * still owns the connection: it connects with a timeout, runs everything on the caller's event loop and reports when
 * the connection can take more. Netty's encoder frames each chunk, and the trailers after the last one.
 */
final class UpstreamStream implements StreamedBody.Destination {

    /** Lambda answers a {@code /response} with a short JSON document. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final NetSocketInternal connection;
    private final Promise<FullHttpResponse> answer = Promise.promise();
    private Handler<Void> drained;
    private boolean closed;

    private UpstreamStream(NetSocketInternal connection) {
        this.connection = connection;
    }

    /** Connects to {@code upstream} and sends the request head; the body follows through the destination's methods. */
    static Future<UpstreamStream> open(NetClient client, SocketAddress upstream, HttpRequest head) {
        return client.connect(upstream).map(socket -> {
            UpstreamStream stream = new UpstreamStream((NetSocketInternal) socket);
            stream.start(head);
            return stream;
        });
    }

    private void start(HttpRequest head) {
        ChannelPipeline pipeline = connection.channelHandlerContext().pipeline();
        pipeline.addBefore("handler", "http", new HttpClientCodec());
        pipeline.addBefore("handler", "answer", new HttpObjectAggregator(MAX_ANSWER_BYTES));
        InterimResponses.insertBefore(pipeline.context("answer"));
        connection.messageHandler(this::answered);
        connection.exceptionHandler(answer::tryFail);
        connection.closeHandler(ignored -> {
            closed = true;
            answer.tryFail("the Runtime API closed the connection before it answered");
            // a sender paused for want of room would otherwise wait for ever: what it sends now is dropped
            if (drained != null) {
                drained.handle(null);
            }
        });
        connection.writeMessage(head);
    }

    /**
     * The upstream's answer, once it came; the connection closes then. It may come before the request is complete,
     * when Lambda refuses the request early.
     */
    Future<FullHttpResponse> answer() {
        return answer.future();
    }

    private void answered(Object message) {
        if (message instanceof FullHttpResponse response && answer.tryComplete(response)) {
            connection.close();
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void write(Buffer chunk) {
        if (!closed) {
            connection.writeMessage(new DefaultHttpContent(chunk.getByteBuf()));
        }
    }

    @Override
    public boolean writeQueueFull() {
        return !closed && connection.writeQueueFull();
    }

    @Override
    public void drainHandler(Handler<Void> drained) {
        this.drained = drained;
        connection.drainHandler(drained);
    }

    @Override
    public void end(HttpHeaders trailers) {
        if (!closed) {
            LastHttpContent last = new DefaultLastHttpContent();
            last.trailingHeaders().set(trailers);
            connection.writeMessage(last);
        }
    }

    /** Closes the connection without the body's last chunk, so the upstream sees a truncated body, not a short one. */
    @Override
    public void abort() {
        closed = true;
        connection.close();
    }

    /** The body of an answer, copied out of Netty's pooled buffer, which is released. */
    static Buffer bodyOf(FullHttpResponse response) {
        try {
            return Buffer.buffer(ByteBufUtil.getBytes(response.content()));
        } finally {
            response.release();
        }
    }
}
