package dev.lrap.proxy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import dev.lrap.LambdaApi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Runtime API's failure and SnapStart paths as the function's runtime sees them, relayed untouched. An
 * invocation's own way, {@code /invocation/next} and {@code /invocation/{id}/response}, is on Vert.x routes, see
 * {@link RelayRoutes}.
 */
@Path(LambdaApi.RUNTIME)
public class RuntimeApiResource {

    private final RuntimeApiRelay relay;
    private final InvocationDeadlines deadlines;
    private final UpstreamRuntimeApi upstream;

    RuntimeApiResource(RuntimeApiRelay relay, InvocationDeadlines deadlines, UpstreamRuntimeApi upstream) {
        this.relay = relay;
        this.deadlines = deadlines;
        this.upstream = upstream;
    }

    @POST
    @Path("invocation/{requestId}/error")
    public Uni<Response> error(@Context HttpServerRequest request, byte[] body) {
        // the id as Lambda matches it, not decoded as a path parameter would be
        deadlines.take(LambdaApi.answeredInvocation(request.method().name(), request.path()));
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
}
