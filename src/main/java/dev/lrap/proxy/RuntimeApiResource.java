package dev.lrap.proxy;

import java.util.OptionalLong;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.lrap.LambdaApi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;

/**
 * The Runtime API as the function's runtime sees it. Events and results pass through the {@link PayloadTransformer};
 * everything else is relayed untouched.
 */
@Path(LambdaApi.RUNTIME)
public class RuntimeApiResource {

    private final EventDelivery events;
    private final RuntimeApiRelay relay;
    private final PayloadTransformer transformer;

    RuntimeApiResource(EventDelivery events, RuntimeApiRelay relay, PayloadTransformer transformer) {
        this.events = events;
        this.relay = relay;
        this.transformer = transformer;
    }

    @GET
    @Path("invocation/next")
    public Uni<Response> next(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerResponse runtime) {
        return events.next(uri, headers, runtime);
    }

    @POST
    @Path("invocation/{requestId}/response")
    public Uni<Response> response(@PathParam("requestId") String requestId, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        OptionalLong deadline = events.takeDeadline(requestId);
        if (isStreamed(headers) || transformer.leavesResponseAlone(body)) {
            return relay.forward("POST", uri, headers, body);
        }
        InvocationContext invocation = new InvocationContext(requestId, deadline, headers.getRequestHeaders());
        return Uni.createFrom().item(() -> transformer.transformResponse(body, invocation))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(result -> relay.forward("POST", uri, headers, result));
    }

    @POST
    @Path("invocation/{requestId}/error")
    public Uni<Response> error(@PathParam("requestId") String requestId, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        events.takeDeadline(requestId);
        return relay.forward("POST", uri, headers, body);
    }

    @POST
    @Path("init/error")
    public Uni<Response> initError(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.forward("POST", uri, headers, body);
    }

    /** Answered once the environment is restored from a SnapStart snapshot, when the runtime resumes. */
    @GET
    @Path("restore/next")
    public Uni<Response> restoreNext(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.forwardRestore(uri, headers);
    }

    @POST
    @Path("restore/error")
    public Uni<Response> restoreError(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.forward("POST", uri, headers, body);
    }

    /** A streamed result is raw bytes in flight, not a document lrap may rewrite. */
    private static boolean isStreamed(HttpHeaders headers) {
        return "streaming".equalsIgnoreCase(headers.getHeaderString(LambdaApi.RESPONSE_MODE));
    }
}
