package dev.lrap.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.lrap.LambdaApi;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * An upstream Runtime API whose every answer a test writes: statuses, headers and bodies that neither Lambda's
 * emulator nor the simulator produce on demand (410, 500, unknown or repeated headers, binary bodies, interim
 * responses). It accepts lrap's registration and its reports of a broken event poll, and holds its event poll open;
 * every other request, another extension's event poll relayed by lrap included, waits for the next scripted reply.
 */
public class ScriptedRuntimeApi implements AutoCloseable {

    /**
     * A request as it arrived: header names as spelled, repeated headers as separate entries, and the port lrap sent
     * it from, which tells its connections apart.
     */
    public record Received(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body,
            int clientPort, CompletableFuture<Reply> answer) {

        /** Sends {@code reply} as the upstream's answer to this request. */
        public void reply(Reply reply) {
            answer.complete(reply);
        }

        /** Closes the connection instead of answering, as a Runtime API that goes away would. */
        public void hangUp() {
            answer.complete(null);
        }

        public List<String> values(String name) {
            return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .toList();
        }
    }

    /**
     * A reply to send: the interim (1xx) statuses that go ahead of it, the status, the header lines in order and the
     * body.
     */
    public record Reply(List<Integer> interim, int status, List<Map.Entry<String, String>> headers, byte[] body) {

        public Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
            this(List.of(), status, headers, body);
        }

        public static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, List.of(Map.entry("Content-Type", contentType)), body);
        }

        public Reply withHeader(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new Reply(interim, status, more, body);
        }

        /** This reply, with the interim response {@code interimStatus} (such as {@code 102 Processing}) ahead of it. */
        public Reply afterInterim(int interimStatus) {
            List<Integer> more = new ArrayList<>(interim);
            more.add(interimStatus);
            return new Reply(more, status, headers, body);
        }
    }

    /** The identifier lrap registers with: an event poll with another one is an extension's poll relayed by lrap. */
    private static final String LRAPS_IDENTIFIER = "scripted-extension";

    private final Vertx vertx = Vertx.vertx();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicReference<Reply> answerOnArrival = new AtomicReference<>();
    private HttpServer server;
    private int port;

    public ScriptedRuntimeApi start() {
        return listen(0);
    }

    private ScriptedRuntimeApi listen(int onPort) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(onPort)
                .setMaxHeaderSize(4 * 1024 * 1024))
                .requestHandler(this::arrived);
        server.listen().toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
        return this;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Stops listening, so the upstream is unreachable, until {@link #resume()}. */
    public void pause() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    public void resume() {
        listen(port);
    }

    /**
     * Answers the next result a runtime posts with {@code reply} as soon as its head arrives, before its body, and
     * then closes its side of the connection, as Lambda's Go server refuses a body it will not read (a {@code 413} for
     * one too large): it half-closes, so that the body still on its way does not reset the connection, and the answer
     * with it. The request never reaches {@link #takeRequest()}.
     */
    public void answerNextBodyOnArrival(Reply reply) {
        answerOnArrival.set(reply);
    }

    /** The next request that arrived (other than lrap's own registration and event poll); answer it with reply(). */
    public Received takeRequest() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("No request reached the upstream within 10 s");
        }
        return request;
    }

    /** The next request that arrives within {@code millis}, or {@code null}. */
    public Received pollRequest(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether another request arrived within {@code millis}. */
    public boolean receivesAnotherRequestWithin(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS) != null;
    }

    private void arrived(HttpServerRequest request) {
        // lrap's own registration may come at any time, and must not take the answer meant for a result
        Reply early = request.method() == HttpMethod.POST && request.path().endsWith("/response")
                ? answerOnArrival.getAndSet(null) : null;
        if (early == null) {
            request.body().onSuccess(body -> handle(request, body));
            return;
        }
        var response = request.response().setStatusCode(early.status());
        early.headers().forEach(header -> response.headers().add(header.getKey(), header.getValue()));
        response.end(Buffer.buffer(early.body()))
                .onComplete(answered -> ((DuplexChannel) ((ConnectionBase) request.connection()).channel()).shutdownOutput());
    }

    private void handle(HttpServerRequest request, Buffer body) {
        String path = request.path();
        if (path.equals(LambdaApi.EXTENSION_REGISTER)) {
            request.response().putHeader(LambdaApi.EXTENSION_IDENTIFIER, LRAPS_IDENTIFIER).end("{}");
            return;
        }
        if (path.equals(LambdaApi.EXTENSION_EVENT_NEXT)
                && LRAPS_IDENTIFIER.equals(request.getHeader(LambdaApi.EXTENSION_IDENTIFIER))) {
            return; // lrap's own event poll: never answered, like an environment that is never shut down
        }
        if (path.equals(LambdaApi.EXTENSION_INIT_ERROR) || path.equals(LambdaApi.EXTENSION_EXIT_ERROR)) {
            // lrap's own report that its event poll broke for good while a test paused this upstream: no test's request
            request.response().setStatusCode(202).end("{\"status\":\"OK\"}");
            return;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.headers().forEach(header -> headers.add(Map.entry(header.getKey(), header.getValue())));
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        reply.thenAccept(answer -> vertx.runOnContext(ignored -> send(request, answer)));
        received.add(new Received(request.method().name(), request.uri(), headers, body.getBytes(),
                request.remoteAddress().port(), reply));
    }

    private static void send(HttpServerRequest request, Reply reply) {
        if (reply == null) {
            request.connection().close();
            return;
        }
        Future<Void> interim = Future.succeededFuture();
        for (int status : reply.interim()) {
            interim = interim.compose(sent -> sendInterim(request, status));
        }
        interim.onSuccess(sent -> {
            var response = request.response().setStatusCode(reply.status());
            reply.headers().forEach(header -> response.headers().add(header.getKey(), header.getValue()));
            response.end(Buffer.buffer(reply.body()));
        });
    }

    /**
     * Writes an interim response's status line straight to the connection: Vert.x's server writes no 1xx status but
     * {@code 100} and {@code 103}, and its encoder would take any other for the final answer.
     */
    private static Future<Void> sendInterim(HttpServerRequest request, int status) {
        Promise<Void> sent = Promise.promise();
        ((ConnectionBase) request.connection()).channel().pipeline().firstContext()
                .writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 " + status + " Interim\r\n\r\n", StandardCharsets.US_ASCII))
                .addListener(written -> sent.handle(written.isSuccess() ? Future.succeededFuture()
                        : Future.failedFuture(written.cause())));
        return sent.future();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
