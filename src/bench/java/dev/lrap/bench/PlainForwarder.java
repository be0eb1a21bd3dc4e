package dev.lrap.bench;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The least a buffering HTTP proxy does: it reads each request whole, sends it upstream and answers with the
 * upstream's answer, also read whole, on one Vert.x event loop. Put where lrap sits, it shows what one more
 * loopback hop costs by itself; in front of DynamoDB Local, it lets a benchmark see every request that arrives.
 */
public final class PlainForwarder implements AutoCloseable {

    /** Framing and connection headers belong to each hop; Vert.x sets its own. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "expect", "host", "te", "upgrade");

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final String upstreamHost;
    private final int upstreamPort;
    private final Consumer<HttpServerRequest> observer;
    private final HttpClient client;
    private final HttpServer server;
    private volatile boolean closing;

    private PlainForwarder(String upstream, Consumer<HttpServerRequest> observer) {
        this.upstreamHost = upstream.substring(0, upstream.lastIndexOf(':'));
        this.upstreamPort = Integer.parseInt(upstream.substring(upstream.lastIndexOf(':') + 1));
        this.observer = observer;
        // long polls hold a connection each for as long as they wait
        this.client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHandle100ContinueAutomatically(true)).requestHandler(this::forward);
    }

    /** Forwards to {@code upstream} ({@code host:port}), telling {@code observer} about each request first. */
    public static PlainForwarder start(String upstream, Consumer<HttpServerRequest> observer) {
        PlainForwarder forwarder = new PlainForwarder(upstream, observer);
        forwarder.server.listen().toCompletionStage().toCompletableFuture().join();
        return forwarder;
    }

    public static PlainForwarder start(String upstream) {
        return start(upstream, request -> {
        });
    }

    /** Where to send requests instead: {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.actualPort();
    }

    private void forward(HttpServerRequest request) {
        observer.accept(request);
        RequestOptions upstream = new RequestOptions().setMethod(request.method()).setHost(upstreamHost)
                .setPort(upstreamPort).setURI(request.uri());
        request.body()
                .compose(body -> client.request(upstream).compose(out -> {
                    copyHeaders(request.headers(), out.headers());
                    return out.send(body);
                }))
                .compose(answer -> answer.body().compose(body -> {
                    copyHeaders(answer.headers(), request.response().setStatusCode(answer.statusCode()).headers());
                    return request.response().end(body);
                }))
                .onFailure(failure -> {
                    if (!closing) {
                        System.err.println("The plain forwarder failed on " + request.method() + " " + request.uri() + ": "
                                + failure);
                    }
                    if (!request.response().ended() && !request.response().closed()) {
                        request.response().setStatusCode(502).end(failure.toString());
                    }
                });
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    @Override
    public void close() {
        // cuts the long polls in flight, which is no failure
        closing = true;
        Future.all(server.close(), client.close()).eventually(() -> vertx.close())
                .toCompletionStage().toCompletableFuture().join();
    }
}
