package dev.lrap.proxy;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * What the upstream Runtime API answered, fully read, so it can be transformed, parked or relayed.
 *
 * @param status the HTTP status code, unchanged
 * @param headers every response header, names as Lambda spelled them
 * @param body the body bytes, exactly as received
 */
public record UpstreamReply(int status, MultivaluedMap<String, String> headers, byte[] body) {

    static UpstreamReply of(Response response) {
        try (response) {
            byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            return new UpstreamReply(response.getStatus(), response.getStringHeaders(), body);
        }
    }

    /** The first value of a header, looked up case-insensitively, or {@code null}. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    UpstreamReply withBody(byte[] newBody) {
        return new UpstreamReply(status, headers, newBody);
    }

    /** The reply as the runtime receives it: same status, end-to-end headers and body, framing recomputed. */
    Response toResponse() {
        // a Vert.x buffer around the bytes is written as it is; a byte[] entity would be copied into one first
        Response.ResponseBuilder response = Response.status(status).entity(Buffer.buffer(Unpooled.wrappedBuffer(body)));
        ForwardedHeaders.endToEnd(headers).forEach((name, values) -> values.forEach(value -> response.header(name, value)));
        return response.build();
    }
}
