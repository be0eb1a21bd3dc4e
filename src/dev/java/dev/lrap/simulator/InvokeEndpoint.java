package dev.lrap.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.lrap.LambdaApi;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The invoke endpoint of AWS's runtime interface emulator, so that anything written against the emulator
 * (curl scripts, SAM-style tooling) can call the simulated function over HTTP.
 */
final class InvokeEndpoint implements Handler<HttpServerRequest> {

    private final Sandbox sandbox;

    InvokeEndpoint(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST || !request.path().equals(LambdaApi.EMULATOR_INVOKE)) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> Replies.answer(request.response(), () -> sandbox
                .enqueue(invocation(request, body))
                .thenAccept(result -> send(request.response(), result))));
    }

    private static Invocation invocation(HttpServerRequest request, Buffer body) {
        Invocation invocation = Invocation.of(body.getBytes());
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            invocation = invocation.withContentType(contentType);
        }
        String traceId = request.getHeader(LambdaApi.INVOKE_TRACE_ID);
        if (traceId != null) {
            invocation = invocation.withTraceId(traceId);
        }
        String clientContext = request.getHeader(LambdaApi.INVOKE_CLIENT_CONTEXT);
        if (clientContext != null) {
            invocation = invocation.withClientContext(decodeClientContext(clientContext));
        }
        String tenantId = request.getHeader(LambdaApi.INVOKE_TENANT_ID);
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

    /** Like the emulator: 200 even for errors, which only the {@code X-Amz-Function-Error} header reveals. */
    private static void send(HttpServerResponse response, InvocationResult result) {
        response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, result.contentType());
        if (result.functionError()) {
            response.putHeader(LambdaApi.INVOKE_FUNCTION_ERROR, "Unhandled");
        }
        response.end(Buffer.buffer(result.body()));
    }
}
