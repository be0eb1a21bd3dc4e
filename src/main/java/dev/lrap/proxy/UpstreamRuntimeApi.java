package dev.lrap.proxy;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.lrap.LambdaApi;
import dev.lrap.config.LrapConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The real Runtime API, reached through one pooled Vert.x HTTP client. Requests go out with exactly the method, raw
 * path, query, headers and body they are given: the client adds no header of its own and sets no read timeout,
 * because {@code /next} may legitimately wait for hours while the environment is frozen.
 * <p>
 * This is the Vert.x client under Quarkus's REST client, used directly: a relay sends bytes it did not produce,
 * and the REST client insists on entities with a media type (it would invent a Content-Type for a body sent without
 * one), copies every body into and out of {@code byte[]}, and answers on another thread than the one that asked.
 */
@ApplicationScoped
public class UpstreamRuntimeApi {

    /** Long polls from concurrent runtime workers and extensions must never queue behind each other. */
    private static final int CONNECTION_POOL_SIZE = 1024;

    /** Java and .NET runtimes send X-Ray error causes of up to 1 MiB in a header; Lambda's answers are smaller. */
    private static final int MAX_HEADER_SIZE = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final HttpClientOptions options;
    private volatile HttpClient client;

    UpstreamRuntimeApi(Vertx vertx, LrapConfig config) {
        this.vertx = vertx;
        String[] hostAndPort = config.upstream().split(":(?=\\d+$)");
        this.options = new HttpClientOptions()
                .setDefaultHost(hostAndPort[0])
                .setDefaultPort(hostAndPort.length > 1 ? Integer.parseInt(hostAndPort[1]) : 80)
                .setConnectTimeout(1000)
                .setMaxHeaderSize(MAX_HEADER_SIZE);
        this.client = newClient();
    }

    private HttpClient newClient() {
        return vertx.httpClientBuilder().with(options).with(new PoolOptions().setHttp1MaxSize(CONNECTION_POOL_SIZE))
                .withConnectHandler(connection -> InterimResponses.insertBefore(
                        ((ConnectionBase) connection).channelHandlerContext()))
                .build();
    }

    /** The upstream as {@code host:port}, for messages. */
    public String address() {
        return options.getDefaultHost() + ":" + options.getDefaultPort();
    }

    /**
     * Sends one request upstream and reads the whole answer.
     *
     * @param pathAndQuery the raw (still encoded) path and query string, as the runtime sent them
     * @param headers the end-to-end headers to send
     * @param body the body, or {@code null} for none
     */
    public Future<UpstreamReply> send(HttpMethod method, String pathAndQuery, MultiMap headers, Buffer body) {
        RequestOptions request = new RequestOptions().setMethod(method).setURI(pathAndQuery).setHeaders(headers);
        return client.request(request)
                .compose(upstream -> body == null ? upstream.send() : upstream.send(body))
                .compose(UpstreamRuntimeApi::read);
    }

    private static Future<UpstreamReply> read(HttpClientResponse response) {
        return WholeBody.read(response, response.headers())
                .map(body -> new UpstreamReply(response.statusCode(), response.headers(), body));
    }

    /** Reports an invocation as failed on the function's behalf, the way a runtime does. */
    public Future<UpstreamReply> postInvocationError(String requestId, String invocationId, LambdaError error) {
        MultiMap headers = HttpHeaders.headers()
                .add(HttpHeaders.CONTENT_TYPE, "application/json")
                .add(LambdaApi.FUNCTION_ERROR_TYPE, error.errorType());
        if (invocationId != null) {
            headers.add(LambdaApi.INVOCATION_ID, invocationId);
        }
        return send(HttpMethod.POST, LambdaApi.INVOCATION + "/" + requestId + "/error", headers, error.toJson());
    }

    /**
     * Sends every later request on new connections. After a SnapStart restore the environment runs from a snapshot,
     * and idle connections opened before it was taken may be dead without either side having closed them.
     * <p>
     * The client from before the snapshot is left open, not closed: a request may still be under way on it, such as an
     * in-process extension's event poll that waited through the snapshot as the runtime's {@code /restore/next} did,
     * and closing the client would cut it off. Its idle connections close after its keep-alive timeout, and Vert.x
     * closes the client itself when lrap stops; a restore happens once in an environment's life.
     */
    public void reconnect() {
        client = newClient();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
