package dev.lrap.proxy;

import java.util.OptionalLong;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import dev.lrap.LambdaApi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Runtime API as the function's runtime sees it. Results pass through the {@link PayloadTransformer};
 * everything else is relayed untouched. {@code /invocation/next} is answered by {@link EventDelivery}, see
 * {@link RelayRoutes}.
 */
@Path(LambdaApi.RUNTIME)
public class RuntimeApiResource {

    private final RuntimeApiRelay relay;
    private final ResponseTransformation responses;
    private final InvocationDeadlines deadlines;
    private final UpstreamRuntimeApi upstream;

    RuntimeApiResource(RuntimeApiRelay relay, ResponseTransformation responses, InvocationDeadlines deadlines,
            UpstreamRuntimeApi upstream) {
        this.relay = relay;
        this.responses = responses;
        this.deadlines = deadlines;
        this.upstream = upstream;
    }

    @POST
    @Path("invocation/{requestId}/response")
    public Uni<Response> response(@PathParam("requestId") String requestId, @Context HttpServerRequest request,
            byte[] body) {
        OptionalLong deadline = deadlines.take(requestId);
        if (isStreamed(request)) {
            return relay.forward(request, body);
        }
        return relay.relay(responses.prepare(requestId, body, deadline, request.headers())
                .compose(result -> relay.send(request, result)));
    }

    @POST
    @Path("invocation/{requestId}/error")
    public Uni<Response> error(@PathParam("requestId") String requestId, @Context HttpServerRequest request,
            byte[] body) {
        deadlines.take(requestId);
        return relay.forward(request, body);
    }

    @POST
    @Path("init/error")
    public Uni<Response> initError(@Context HttpServerRequest request, byte[] body) {
        return relay.forward(request, body);
    }

    /** Answered once the environment is restored from a SnapStart snapshot, whose old connections are replaced. */
    @GET
    @Path("restore/next")
    public Uni<Response> restoreNext(@Context HttpServerRequest request) {
        return relay.relay(relay.send(request, null).onSuccess(restored -> {
            if (restored.status() == 200) {
                upstream.reconnect();
            }
        }));
    }

    @POST
    @Path("restore/error")
    public Uni<Response> restoreError(@Context HttpServerRequest request, byte[] body) {
        return relay.forward(request, body);
    }

    /**
     * A streamed result is raw bytes in flight, not a document lrap may rewrite. Over HTTP/1.1 it never gets here
     * ({@link StreamedResponseRelay} relays it as a stream); over HTTP/2 it is relayed whole, unchanged.
     */
    private static boolean isStreamed(HttpServerRequest request) {
        return LambdaApi.RESPONSE_MODE_STREAMING.equalsIgnoreCase(request.getHeader(LambdaApi.RESPONSE_MODE));
    }
}
