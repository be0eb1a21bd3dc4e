package dev.lrap.proxy;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Relays one runtime request upstream and the answer back unchanged. When the upstream cannot be reached the
 * runtime gets a prompt 502 with a Lambda-style JSON error instead of a hanging or invented answer.
 */
@ApplicationScoped
public class RuntimeApiRelay {

    private static final Logger LOG = Logger.getLogger(RuntimeApiRelay.class);

    private final UpstreamRuntimeApi upstream;
    private final ObjectMapper json;

    RuntimeApiRelay(UpstreamRuntimeApi upstream, ObjectMapper json) {
        this.upstream = upstream;
        this.json = json;
    }

    /** Forwards the request the runtime made, with {@code body} as its body ({@code null} for none). */
    public Uni<Response> forward(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        return relay(send(method, uri, headers, body));
    }

    /** Forwards a {@code /restore/next}; its answer means a restored snapshot, whose old connections are replaced. */
    public Uni<Response> forwardRestore(UriInfo uri, HttpHeaders headers) {
        return relay(send("GET", uri, headers, null).thenApply(restored -> {
            if (restored.status() == 200) {
                upstream.reconnect();
            }
            return restored;
        }));
    }

    private CompletionStage<UpstreamReply> send(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        return upstream.send(method, pathAndQuery(uri), ForwardedHeaders.endToEnd(headers.getRequestHeaders()), body);
    }

    /** Turns an upstream answer into the runtime's answer. */
    public Uni<Response> relay(CompletionStage<UpstreamReply> reply) {
        return Uni.createFrom().completionStage(reply)
                .map(UpstreamReply::toResponse)
                .onFailure().recoverWithItem(this::upstreamUnavailable);
    }

    static String pathAndQuery(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
    }

    Response upstreamUnavailable(Throwable failure) {
        String message = "lrap could not reach the Runtime API at " + upstream.address() + ": " + failure.getMessage();
        LOG.error(message);
        String body = json.createObjectNode()
                .put("errorMessage", message)
                .put("errorType", "Lrap.RuntimeApiUnavailable")
                .toString();
        return Response.status(Response.Status.BAD_GATEWAY).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
