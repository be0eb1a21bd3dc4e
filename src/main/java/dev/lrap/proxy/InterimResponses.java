package dev.lrap.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Drops the interim (1xx) responses the Runtime API may send ahead of its answer, in a connection's pipeline just
 * after Netty's HTTP/1.1 decoder. Vert.x's HTTP client knows only {@code 100} and {@code 103}, and Netty's
 * {@code HttpObjectAggregator} none, so anything else, such as {@code 102 Processing}, would be taken for the answer:
 * the runtime would get an interim status as its final one and wait for ever, and the real answer, an event maybe,
 * would arrive with no request waiting for it and be dropped. RFC 9110 lets a client ignore interim responses it did
 * not ask for, and lrap asks for none: it sends neither {@code Expect} nor {@code Upgrade}. A {@code 101} passes, as it
 * ends HTTP/1.1 on the connection rather than precede an answer.
 */
final class InterimResponses extends ChannelInboundHandlerAdapter {

    /** Whether the decoder's end of an interim response, an empty last content, is still to come. */
    private boolean endToCome;

    private InterimResponses() {
    }

    /** Places a new one just ahead of {@code next}, the handler that is to see the decoder's answers. */
    static void insertBefore(ChannelHandlerContext next) {
        next.pipeline().addBefore(next.name(), "lrap-interim-responses", new InterimResponses());
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpResponse response && isInterim(response.status())) {
            endToCome = !(message instanceof LastHttpContent);
            ReferenceCountUtil.release(message);
        } else if (endToCome && message instanceof LastHttpContent) {
            endToCome = false;
            ReferenceCountUtil.release(message);
        } else {
            context.fireChannelRead(message);
        }
    }

    private static boolean isInterim(HttpResponseStatus status) {
        return status.codeClass() == HttpStatusClass.INFORMATIONAL
                && status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    }
}
