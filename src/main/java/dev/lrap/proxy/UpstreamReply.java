package dev.lrap.proxy;

import jakarta.ws.rs.core.Response;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * What the upstream Runtime API answered, fully read, so it can be transformed, parked or relayed.
 *
 * @param status the HTTP status code, unchanged
 * @param headers every response header, names as Lambda spelled them
 * @param body the body bytes, exactly as received
 */
public record UpstreamReply(int status, MultiMap headers, Buffer body) {

    /** The first value of a header, looked up case-insensitively, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Whether this is an event for the runtime rather than a refusal. */
    boolean isEvent() {
        return status == 200;
    }

    UpstreamReply withBody(Buffer newBody) {
        return new UpstreamReply(status, headers, newBody);
    }

    /** Writes the reply as the runtime receives it: same status, end-to-end headers and body, framing recomputed. */
    Future<Void> writeTo(HttpServerResponse runtime) {
        try {
            runtime.setStatusCode(status).headers().addAll(ForwardedHeaders.endToEnd(headers));
            return runtime.end(body);
        } catch (IllegalStateException closedOrAnswered) {
            return Future.failedFuture(closedOrAnswered);
        }
    }

    /** The reply as a JAX-RS answer to the runtime, its body passed on as the buffer it arrived in. */
    Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).entity(body);
        ForwardedHeaders.endToEnd(headers).forEach(response::header);
        return response.build();
    }
}
