package dev.lrap.extension;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;

import dev.lrap.LambdaApi;

/** The Lambda Extensions API, which lrap itself uses to take part in the execution environment's lifecycle. */
@Path(LambdaApi.EXTENSION)
public interface ExtensionsApi {

    /** The events lrap subscribes to, and what Lambda reports back about the function. */
    record Registration(java.util.List<String> events) {
    }

    /** An Extensions API event; lrap only acts on its type. */
    record Event(String eventType, Long deadlineMs, String shutdownReason) {
    }

    /** A fatal error as Lambda records it for the extension. */
    record Failure(String errorMessage, String errorType) {
    }

    @POST
    @Path("register")
    RestResponse<String> register(@HeaderParam(LambdaApi.EXTENSION_NAME) String name, Registration registration);

    @GET
    @Path("event/next")
    Event next(@HeaderParam(LambdaApi.EXTENSION_IDENTIFIER) String identifier);

    @POST
    @Path("init/error")
    RestResponse<String> initError(@HeaderParam(LambdaApi.EXTENSION_IDENTIFIER) String identifier,
            @HeaderParam(LambdaApi.EXTENSION_ERROR_TYPE) String errorType, Failure failure);

    @POST
    @Path("exit/error")
    RestResponse<String> exitError(@HeaderParam(LambdaApi.EXTENSION_IDENTIFIER) String identifier,
            @HeaderParam(LambdaApi.EXTENSION_ERROR_TYPE) String errorType, Failure failure);
}
