package dev.lrap.proxy;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.lrap.LambdaApi;
import dev.lrap.config.LrapConfig;
import dev.lrap.observability.InvocationMetrics;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Relays the requests whose body passes as a stream, as it comes: the responses a runtime streams
 * ({@code Lambda-Runtime-Function-Response-Mode: streaming}), and any body too large for lrap to hold whole
 * ({@link WholeBody#LARGEST}), or for which the bodies lrap holds for other runtimes leave no room ({@link HeldBytes}).
 * Every chunk goes on as it arrives, the runtime waits while the upstream cannot take more, and the trailers that
 * report a failure partway through ({@code Lambda-Runtime-Function-Error-Type} and {@code -Body}) go on as trailers.
 * Nothing holds the body whole, and nothing rewrites it: a stream of up to 200 MB passes in constant memory. A runtime
 * that hangs up partway through cuts the upstream request off too, so Lambda records a truncated response rather than
 * a short one.
 * <p>
 * Nothing above Netty would do: Quarkus REST reads a body whole before a resource method sees it,
 * and neither Vert.x 4's server request nor its HTTP client carries request trailers. So a Vert.x route, ahead of
 * every other, takes these requests while their head is handled, before any of the body is read (see
 * {@link StreamedBody}), and {@link UpstreamStream} speaks HTTP/1.1 to the Runtime API through Netty's codec.
 * Lambda's Runtime API is HTTP/1.1; an HTTP/2 request goes on to the other routes, which relay it whole.
 */
@ApplicationScoped
class StreamedBodyRelay {

    /** The error type of a request whose body comes in a transfer coding that Lambda refuses. */
    static final String UNSUPPORTED_TRANSFER_CODING = "Lrap.UnsupportedTransferEncoding";

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;
    private static final Pattern RESPONSE = Pattern.compile(RelayRoutes.RESPONSE);

    private final NetClient client;
    private final SocketAddress upstream;
    private final String upstreamAuthority;
    private final InvocationDeadlines deadlines;
    private final RuntimeApiRelay relay;
    private final InvocationMetrics invocations;
    private final HeldBytes room;
    private final long marginMillis;

    StreamedBodyRelay(Vertx vertx, LrapConfig config, InvocationDeadlines deadlines, RuntimeApiRelay relay,
            InvocationMetrics invocations, HeldBytes room, ProxyConfig proxy) {
        // no idle timeout: a stream may pause for as long as the function takes between two chunks
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
        URI base = URI.create("http://" + config.upstream());
        this.upstream = SocketAddress.inetSocketAddress(base.getPort(), base.getHost());
        this.upstreamAuthority = base.getAuthority();
        this.deadlines = deadlines;
        this.relay = relay;
        this.invocations = invocations;
        this.room = room;
        this.marginMillis = proxy.responseMargin().toMillis();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::route);
    }

    private void route(RoutingContext routing) {
        HttpServerRequest runtime = routing.request();
        if (hasUnsupportedTransferCoding(runtime)) {
            refuseTransferCoding(runtime);
        } else if (runtime.version() == HttpVersion.HTTP_2 || isEventPoll(runtime)) {
            // an event always reaches the runtime through EventDelivery, whatever its poll carries
            routing.next();
        } else if (isStreamedResponse(runtime) || hasUnknownLength(runtime) && !isResponse(runtime)) {
            stream(routing);
        } else if (hasUnknownLength(runtime)) {
            hold(routing);
        } else {
            holdAnnounced(routing);
        }
    }

    private void stream(RoutingContext routing) {
        StreamedBody body = StreamedBody.of(routing.request());
        relay(routing, body, body::pipeTo);
    }

    /**
     * Leaves a body of announced length to the routes that read it whole, if there is room for it, else streams it. A
     * result waits for room while its invocation has time: the room is free again as soon as the results of other
     * runtimes have gone on.
     */
    private void holdAnnounced(RoutingContext routing) {
        long length = WholeBody.announcedLength(routing.request().headers());
        if (length > WholeBody.LARGEST) {
            stream(routing);
        } else if (room.takeIfFree(length)) {
            readWhole(routing, length);
        } else {
            // taken over while its head is handled, as a body that goes on as a stream after all must be
            StreamedBody body = StreamedBody.of(routing.request());
            waitForRoom(routing, body, length, () -> readWhole(routing, length), () -> {
                room.passedUnread();
                relay(routing, body, body::pipeTo);
            });
        }
    }

    /** Leaves the body to the routes that read it whole, in the room taken for it. */
    private void readWhole(RoutingContext routing, long length) {
        room.giveBackWhenOver(routing, () -> length);
        routing.next();
    }

    /**
     * Holds a result of unknown length whole while it stays within what lrap holds, and passes it on to the routes that
     * may rewrite it; one that grows larger goes on from here, as a stream, what was held first. A result that finds no
     * room for its first piece ({@link HeldBody#FIRST_PIECE}) waits for it as one of announced length waits for its
     * length. Without a deadline it does not wait, as nothing would bound the wait but Lambda's own timeout, which lrap
     * does not know: it takes room as it grows, while there is some, as a result that holds part of itself does.
     */
    private void hold(RoutingContext routing) {
        StreamedBody body = StreamedBody.of(routing.request());
        if (room.takeIfFree(HeldBody.FIRST_PIECE)) {
            hold(routing, body, HeldBody.FIRST_PIECE);
        } else {
            waitForRoom(routing, body, HeldBody.FIRST_PIECE, () -> hold(routing, body, HeldBody.FIRST_PIECE),
                    () -> hold(routing, body, 0));
        }
    }

    private void hold(RoutingContext routing, StreamedBody body, long reserved) {
        HeldBody held = new HeldBody(room, reserved, whole -> {
            routing.put(WholeBody.HELD, whole);
            routing.next();
        }, overflowing -> relay(routing, body, overflowing::handOver));
        room.giveBackWhenOver(routing, held::taken);
        body.pipeTo(held);
    }

    /**
     * Has {@code hold} take the body once there is room for {@code bytes} of it, while its invocation has time; until
     * then the body waits unread. One that finds none in time goes on as a stream, unread; {@code cannotWait} takes
     * one whose invocation has no time, or no deadline, to wait. A runtime that hangs up while its body waits leaves
     * nothing behind: no room taken, none waited for, and nothing sent upstream.
     */
    private void waitForRoom(RoutingContext routing, StreamedBody body, long bytes, Runnable hold, Runnable cannotWait) {
        long patience = timeToWaitForRoom(routing.request());
        if (patience <= 0) {
            cannotWait.run();
            return;
        }
        room.takeWithin(routing, bytes, patience).onSuccess(taken -> {
            if (routing.response().closed()) {
                if (taken) {
                    room.giveBack(bytes);
                }
                RuntimeApiRelay.hungUpWhileSending(routing.request());
            } else if (taken) {
                hold.run();
            } else {
                relay(routing, body, body::pipeTo);
            }
        });
    }

    /** Until its invocation's deadline less the response margin for a result lrap may rewrite, else none. */
    private long timeToWaitForRoom(HttpServerRequest runtime) {
        OptionalLong deadline = isResponse(runtime)
                ? deadlines.deadline(LambdaApi.answeredInvocation(runtime.method().name(), runtime.path()))
                : OptionalLong.empty();
        return deadline.isPresent() ? deadline.getAsLong() - marginMillis - System.currentTimeMillis() : 0;
    }

    /** Opens the upstream request and has {@code start} send the body on; the runtime gets the upstream's answer. */
    private void relay(RoutingContext routing, StreamedBody body, Consumer<UpstreamStream> start) {
        HttpServerRequest runtime = routing.request();
        String requestId = LambdaApi.answeredInvocation(runtime.method().name(), runtime.path());
        if (requestId != null) {
            deadlines.take(requestId);
            // this route answers ahead of every filter, so it tells the metrics itself that the invocation is over
            routing.addEndHandler(relayed -> invocations.finished(requestId));
        }
        UpstreamStream.open(client, upstream, upstreamHead(runtime)).onComplete(opened -> {
            if (opened.failed()) {
                body.discard();
                answerUnavailable(runtime.response(), opened.cause());
                return;
            }
            opened.result().answer().onComplete(answer -> answer(runtime, answer));
            start.accept(opened.result());
        });
    }

    static boolean isStreamed(HttpServerRequest request) {
        return LambdaApi.isStreaming(request.getHeader(LambdaApi.RESPONSE_MODE));
    }

    private static boolean isStreamedResponse(HttpServerRequest request) {
        return isStreamed(request) && isResponse(request);
    }

    private static boolean isResponse(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && RESPONSE.matcher(request.path()).matches();
    }

    private static boolean isEventPoll(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && LambdaApi.INVOCATION_NEXT.equals(request.path());
    }

    /** A chunked body, whose length is known only at its end. */
    private static boolean hasUnknownLength(HttpServerRequest request) {
        return !request.headers().contains(HttpHeaderNames.CONTENT_LENGTH) && request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
    }

    /** A body in other transfer codings than chunked alone, which Lambda's Runtime API refuses. */
    private static boolean hasUnsupportedTransferCoding(HttpServerRequest request) {
        List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        return !codings.isEmpty()
                && !(codings.size() == 1 && HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(codings.get(0).trim()));
    }

    /**
     * Answers as Lambda does, 501, and closes the connection, as where the body ends is unknown. Netty reads a body as
     * chunked whenever chunked is among its codings, so relaying it would pass on bytes still under the others (a
     * gzip stream, say) as if they were the body.
     */
    private void refuseTransferCoding(HttpServerRequest runtime) {
        String codings = String.join(", ", runtime.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
        LambdaError refusal = new LambdaError(UNSUPPORTED_TRANSFER_CODING,
                "The Runtime API takes a body in the transfer coding chunked alone, not in " + codings);
        runtime.response().setStatusCode(HttpResponseStatus.NOT_IMPLEMENTED.code())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .end(refusal.toJson())
                .onComplete(answered -> runtime.connection().close());
    }

    /** The runtime's request head, framed as the runtime framed it, with its {@code Trailer} announcements. */
    private HttpRequest upstreamHead(HttpServerRequest runtime) {
        HttpRequest head = new DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.valueOf(runtime.method().name()), runtime.uri());
        HttpHeaders headers = head.headers().add(HttpHeaderNames.HOST, upstreamAuthority);
        ForwardedHeaders.endToEnd(runtime.headers()).forEach(header -> headers.add(header.getKey(), header.getValue()));
        runtime.headers().forEach(header -> {
            if (HttpHeaderNames.TRAILER.contentEqualsIgnoreCase(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        String length = runtime.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            headers.add(HttpHeaderNames.CONTENT_LENGTH, length);
        } else {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        return head;
    }

    private void answer(HttpServerRequest request, AsyncResult<FullHttpResponse> answer) {
        HttpServerResponse runtime = request.response();
        if (runtime.closed()) {
            // a runtime may hang up after the whole of its body, which went on to Lambda all the same
            if (request.isEnded()) {
                RuntimeApiRelay.hungUpBeforeTheAnswer(request);
            } else {
                RuntimeApiRelay.hungUpWhileSending(request);
            }
            if (answer.succeeded()) {
                answer.result().release();
            }
        } else if (answer.failed()) {
            answerUnavailable(runtime, answer.cause());
        } else {
            FullHttpResponse upstreamAnswer = answer.result();
            runtime.setStatusCode(upstreamAnswer.status().code());
            runtime.headers().addAll(ForwardedHeaders.endToEnd(upstreamAnswer.headers()));
            runtime.end(UpstreamStream.bodyOf(upstreamAnswer));
        }
    }

    private void answerUnavailable(HttpServerResponse runtime, Throwable failure) {
        relay.unavailable(failure).writeTo(runtime);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
