package dev.lrap.proxy;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.mutiny.Uni;

/**
 * Every path the proxy does not interpret: the Extensions, Telemetry, Logs and credentials APIs that agents inside
 * the runtime process reach through the rewritten {@code AWS_LAMBDA_RUNTIME_API}, and API versions yet to come.
 */
@Path("{path: .*}")
public class PassthroughResource {

    private final RuntimeApiRelay relay;

    PassthroughResource(RuntimeApiRelay relay) {
        this.relay = relay;
    }

    @GET
    public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.forward("GET", uri, headers, null);
    }

    @HEAD
    public Uni<Response> head(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.forward("HEAD", uri, headers, null);
    }

    @OPTIONS
    public Uni<Response> options(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay.forward("OPTIONS", uri, headers, null);
    }

    @POST
    public Uni<Response> post(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.forward("POST", uri, headers, body);
    }

    @PUT
    public Uni<Response> put(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.forward("PUT", uri, headers, body);
    }

    @PATCH
    public Uni<Response> patch(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.forward("PATCH", uri, headers, body);
    }

    @DELETE
    public Uni<Response> delete(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay.forward("DELETE", uri, headers, body);
    }
}
