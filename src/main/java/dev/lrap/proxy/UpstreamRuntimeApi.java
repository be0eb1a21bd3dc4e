package dev.lrap.proxy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.WriterInterceptor;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.lrap.LambdaApi;
import dev.lrap.config.LrapConfig;

/**
 * The real Runtime API, reached through one pooled REST client built at start-up. Requests go out with exactly
 * the method, raw path, query, headers and body they are given: the client adds no header of its own and sets
 * no read timeout, because {@code /next} may legitimately wait for hours while the environment is frozen.
 */
@ApplicationScoped
public class UpstreamRuntimeApi {

    /** Long polls from concurrent runtime workers and extensions must never queue behind each other. */
    private static final int CONNECTION_POOL_SIZE = 1024;

    private final URI base;
    private final ObjectMapper json;
    private volatile Clients clients = Clients.build();

    UpstreamRuntimeApi(LrapConfig config, ObjectMapper json) {
        this.base = URI.create("http://" + config.upstream());
        this.json = json;
    }

    /**
     * The REST clients and their connection pools. Requests with a Content-Type take {@code typed}; {@code untyped}
     * keeps the REST client from inventing one for bodies sent without, at the price of an extra copy of each body.
     */
    private record Clients(Client typed, Client untyped) {

        static Clients build() {
            return new Clients(newClient().build(), newClient()
                    .register((WriterInterceptor) context -> {
                        context.getHeaders().remove("Content-Type");
                        context.proceed();
                    })
                    .build());
        }

        private static ClientBuilder newClient() {
            return ClientBuilder.newBuilder()
                    .connectTimeout(1, TimeUnit.SECONDS)
                    .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, CONNECTION_POOL_SIZE);
        }

        void close() {
            typed.close();
            untyped.close();
        }
    }

    /** The upstream as {@code host:port}, for messages. */
    public String address() {
        return base.getAuthority();
    }

    /**
     * Sends one request upstream.
     *
     * @param pathAndQuery the raw (still encoded) path and query string, as the runtime sent them
     * @param headers the end-to-end headers to send
     * @param body the body, or {@code null} for none
     */
    public CompletionStage<UpstreamReply> send(String method, String pathAndQuery, MultivaluedMap<String, Object> headers,
            byte[] body) {
        boolean untyped = body != null && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase);
        Clients current = clients;
        Invocation.Builder request = (untyped ? current.untyped() : current.typed()).target(base.resolve(pathAndQuery))
                .request().headers(headers);
        if (body == null) {
            return request.rx().method(method).thenApply(UpstreamReply::of);
        }
        // the media type is a placeholder: the runtime's own Content-Type header, if any, replaces it
        return request.rx().method(method, Entity.entity(body, MediaType.APPLICATION_OCTET_STREAM_TYPE))
                .thenApply(UpstreamReply::of);
    }

    /** Reports an invocation as failed on the function's behalf, the way a runtime does. */
    public CompletionStage<UpstreamReply> postInvocationError(String requestId, String invocationId, String errorType,
            String message) {
        ObjectNode error = json.createObjectNode().put("errorMessage", message).put("errorType", errorType);
        error.putArray("stackTrace");
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        headers.add("Content-Type", MediaType.APPLICATION_JSON);
        headers.add(LambdaApi.FUNCTION_ERROR_TYPE, errorType);
        if (invocationId != null) {
            headers.add(LambdaApi.INVOCATION_ID, invocationId);
        }
        return send("POST", LambdaApi.INVOCATION + "/" + requestId + "/error", headers,
                error.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces every pooled connection with new ones. After a SnapStart restore the environment runs from a snapshot,
     * and connections opened before it was taken may be dead without either side having closed them.
     */
    public void reconnect() {
        Clients before = clients;
        clients = Clients.build();
        before.close();
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
