package dev.lrap.proxy;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.lrap.observability.LogText;
import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Relays one runtime request upstream and the answer back unchanged. When the upstream cannot be reached the
 * runtime gets a prompt 502 with Lambda's error document instead of a hanging or invented answer.
 */
@ApplicationScoped
public class RuntimeApiRelay {

    static final String UNAVAILABLE = "Lrap.RuntimeApiUnavailable";

    private static final Logger LOG = Logger.getLogger(RuntimeApiRelay.class);

    private final UpstreamRuntimeApi upstream;

    RuntimeApiRelay(UpstreamRuntimeApi upstream) {
        this.upstream = upstream;
    }

    /** Relays a request no resource interprets, whatever its method, and writes the answer back. */
    void forward(RoutingContext context) {
        forward(context, Future::succeededFuture);
    }

    /** Relays a request and writes the answer back, its body, if it has one, passed through {@code prepare} on the way. */
    void forward(RoutingContext context, Function<Buffer, Future<Buffer>> prepare) {
        HttpServerRequest request = context.request();
        Buffer held = context.get(WholeBody.HELD);
        if (held == null) {
            // a body held already was asked for while it was read
            StreamedBody.continueIfExpected(request);
        }
        Future<Buffer> received = held != null ? Future.succeededFuture(held) : WholeBody.read(request, request.headers());
        // Quarkus pauses requests until a handler takes their body
        request.resume();
        // a body cut off goes nowhere, as Lambda drops a request whose connection closed before its body ended
        received.onSuccess(body -> sendAndAnswer(request, body, prepare))
                .onFailure(cutOff -> hungUpWhileSending(request));
    }

    private void sendAndAnswer(HttpServerRequest request, Buffer body, Function<Buffer, Future<Buffer>> prepare) {
        Future<Buffer> prepared = body.length() == 0 && !hasBody(request) ? Future.succeededFuture(null) : prepare.apply(body);
        prepared.compose(sent -> send(request, sent))
                .onComplete(reply -> answer(request, reply.succeeded() ? reply.result() : unavailable(reply.cause())));
    }

    /** Says that the runtime's request never ended: nothing went upstream, and there is no one left to answer. */
    static void hungUpWhileSending(HttpServerRequest request) {
        LOG.warnf("The runtime hung up while it sent the body of %s", methodAndPath(request));
    }

    /** Says that the runtime's request went upstream whole, but the runtime was gone when its answer came. */
    static void hungUpBeforeTheAnswer(HttpServerRequest request) {
        LOG.debugf("The runtime hung up before the answer to %s", methodAndPath(request));
    }

    /**
     * Answers a request that failed on the router (one Vert.x refuses for its {@code Host}, say) with the failure's
     * status, and says so in one line. Quarkus's own error handler would log the whole path and the exception's
     * message, and answer with that message: either may quote what the runtime sent.
     */
    static void failed(RoutingContext context) {
        int status = context.statusCode() == -1 ? Response.Status.INTERNAL_SERVER_ERROR.getStatusCode() : context.statusCode();
        LOG.warnf("The runtime's request %s failed with %d (%s)", methodAndPath(context.request()), status,
                context.failure() == null ? "no exception" : context.failure().getClass().getName());
        HttpServerResponse response = context.response();
        if (!response.headWritten()) {
            response.setStatusCode(status).end();
        } else if (!response.ended()) {
            // a runtime must not take a cut answer for a whole one
            response.reset();
        }
    }

    // a runtime may use any method and post to an id of its own making, of any length
    private static String methodAndPath(HttpServerRequest request) {
        return LogText.excerpt(request.method() + " " + request.path());
    }

    private static boolean hasBody(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.CONTENT_LENGTH) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** Forwards the request the runtime made with {@code body} as its body ({@code null} for none), for a resource. */
    Uni<Response> forward(HttpServerRequest request, byte[] body) {
        return relay(send(request, body == null ? null : wrap(body)));
    }

    /** Sends the runtime's request upstream with {@code body} in place of its own. */
    Future<UpstreamReply> send(HttpServerRequest request, Buffer body) {
        return upstream.send(request.method(), request.uri(), ForwardedHeaders.endToEnd(request.headers()), body);
    }

    /** Turns an upstream answer into the runtime's answer. */
    Uni<Response> relay(Future<UpstreamReply> reply) {
        return Uni.createFrom().completionStage(reply.toCompletionStage())
                .onFailure().recoverWithItem(this::unavailable)
                .map(UpstreamReply::toResponse);
    }

    /** The answer for a runtime whose request could not reach the upstream at all. */
    UpstreamReply unavailable(Throwable failure) {
        String message = "lrap could not reach the Runtime API at " + upstream.address() + ": " + failure.getMessage();
        LOG.error(message);
        return new UpstreamReply(Response.Status.BAD_GATEWAY.getStatusCode(),
                HttpHeaders.headers().add(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON),
                new LambdaError(UNAVAILABLE, message).toJson());
    }

    private static void answer(HttpServerRequest request, UpstreamReply reply) {
        reply.writeTo(request.response()).onFailure(failure -> hungUpBeforeTheAnswer(request));
    }

    /** A buffer around the bytes, not a copy of them, as {@code Buffer.buffer(byte[])} would make. */
    static Buffer wrap(byte[] bytes) {
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes));
    }
}
