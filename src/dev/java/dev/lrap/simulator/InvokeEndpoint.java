package dev.lrap.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The invoke endpoint of AWS's runtime interface emulator, so that anything written against the emulator
 * (curl scripts, SAM-style tooling) can call the simulated function over HTTP. The same listener serves the
 * {@link Resource}s a developer tool adds, such as the dev environment's view of stored content.
 */
final class InvokeEndpoint implements Handler<HttpServerRequest> {

    /**
     * {@code GET <pathPrefix><name>}, answered with the JSON {@code lookup} finds for the name, or 404.
     *
     * @param lookup may block: it runs on a worker thread
     */
    record Resource(String pathPrefix, Function<String, Optional<String>> lookup) {
    }

    private final Sandbox sandbox;
    private final Vertx vertx;
    private final List<Resource> resources;

    InvokeEndpoint(Sandbox sandbox, Vertx vertx, List<Resource> resources) {
        this.sandbox = sandbox;
        this.vertx = vertx;
        this.resources = List.copyOf(resources);
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.method() == HttpMethod.POST && request.path().equals(SimulatorApi.EMULATOR_INVOKE)) {
            readPayload(request, "InvokeFunction", body -> Replies.answer(request.response(), () -> sandbox
                    .enqueue(invocation(request, body))
                    .thenAccept(result -> send(request.response(), result))));
            return;
        }
        if (request.method() == HttpMethod.POST && request.path().equals(SimulatorApi.STREAMING_INVOKE)) {
            readPayload(request, "InvokeWithResponseStream", body -> Replies.answer(request.response(), () -> sandbox
                    .enqueue(invocation(request, body), request.response())
                    .thenAccept(result -> endStream(request.response(), result))));
            return;
        }
        resources.stream()
                .filter(resource -> request.method() == HttpMethod.GET && request.path().startsWith(resource.pathPrefix()))
                .findFirst()
                .ifPresentOrElse(resource -> serve(request, resource), () -> request.response().setStatusCode(404).end());
    }

    /**
     * Reads the payload of an invoke and hands it on, or refuses it as Lambda's Invoke API does once it is over 6 MiB:
     * up front when its length is declared, else as soon as that many bytes have come, so that no runtime ever sees it.
     * What the caller sends after the refusal is read and dropped.
     */
    private static void readPayload(HttpServerRequest request, String operation, Consumer<Buffer> invoke) {
        Buffer payload = Buffer.buffer();
        request.handler(chunk -> {
            if (!request.response().ended()) {
                payload.appendBuffer(chunk);
                refuseOverLimit(request, payload.length(), operation);
            }
        });
        request.endHandler(ended -> {
            if (!request.response().ended()) {
                invoke.accept(payload);
            }
        });
        String declaredLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declaredLength != null && declaredLength.matches("\\d{1,18}")) {
            refuseOverLimit(request, Long.parseLong(declaredLength), operation);
        }
        // a caller that waits to be asked (curl, for a payload over 1 MiB) would otherwise wait a second, or for ever
        if (!request.response().ended() && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
    }

    private static void refuseOverLimit(HttpServerRequest request, long payloadBytes, String operation) {
        if (payloadBytes > SimulatorApi.MAX_INVOKE_PAYLOAD_BYTES) {
            Replies.json(request.response(), 413, new ApiJson.ErrorResponse("Request must be smaller than "
                    + SimulatorApi.MAX_INVOKE_PAYLOAD_BYTES + " bytes for the " + operation + " operation",
                    "RequestEntityTooLargeException"));
        }
    }

    private void serve(HttpServerRequest request, Resource resource) {
        String name = request.path().substring(resource.pathPrefix().length());
        vertx.executeBlocking(() -> resource.lookup().apply(name)).onComplete(found -> {
            if (found.failed()) {
                Replies.json(request.response(), 500,
                        new ApiJson.ErrorResponse(found.cause().getMessage(), found.cause().getClass().getSimpleName()));
            } else if (found.result().isPresent()) {
                Replies.json(request.response(), 200, found.result().get().getBytes(StandardCharsets.UTF_8));
            } else {
                Replies.json(request.response(), 404, new ApiJson.ErrorResponse("Nothing at " + request.path(), "NotFound"));
            }
        });
    }

    private static Invocation invocation(HttpServerRequest request, Buffer body) {
        Invocation invocation = Invocation.of(body.getBytes());
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            invocation = invocation.withContentType(contentType);
        }
        String traceId = request.getHeader(SimulatorApi.INVOKE_TRACE_ID);
        if (traceId != null) {
            invocation = invocation.withTraceId(traceId);
        }
        String clientContext = request.getHeader(SimulatorApi.INVOKE_CLIENT_CONTEXT);
        if (clientContext != null) {
            invocation = invocation.withClientContext(decodeClientContext(clientContext));
        }
        String tenantId = request.getHeader(SimulatorApi.INVOKE_TENANT_ID);
        if (tenantId != null) {
            invocation = invocation.withTenantId(tenantId);
        }
        return invocation;
    }

    private static String decodeClientContext(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "InvalidRequestContentException",
                    "Client context must be a valid Base64-encoded JSON object.");
        }
    }

    /**
     * Ends a streaming invoke. The bytes of a streamed response have reached the caller already; a failure the function
     * reported partway through follows as the runtime's error trailers, as Lambda's direct invoke passes them on, and
     * any other failure after the first byte (a runtime that hung up, a timeout) cuts the caller's connection off. An
     * invocation that did not stream is answered like a buffered invoke.
     */
    private static void endStream(HttpServerResponse response, InvocationResult result) {
        if (!response.headWritten()) {
            send(response, result);
        } else if (result.outcome() == InvocationResult.Outcome.RESPONSE) {
            response.end();
        } else if (result.outcome() == InvocationResult.Outcome.FUNCTION_ERROR) {
            result.runtimeRequest().orElseThrow().trailers().forEach(trailer -> response.putTrailer(trailer.getKey(), trailer.getValue()));
            response.end();
        } else {
            response.reset();
        }
    }

    /** Like the emulator: 200 even for errors, which only the {@code X-Amz-Function-Error} header reveals. */
    private static void send(HttpServerResponse response, InvocationResult result) {
        response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, result.contentType());
        if (result.functionError()) {
            response.putHeader(SimulatorApi.INVOKE_FUNCTION_ERROR, "Unhandled");
        }
        response.end(Buffer.buffer(result.body()));
    }
}
