package dev.lrap.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import dev.lrap.LambdaApi;

/**
 * What the caller of an invocation gets back, plus the runtime's request that produced it so tests can see
 * what reached Lambda.
 *
 * @param requestId the invocation's {@code Lambda-Runtime-Aws-Request-Id}
 * @param outcome how the invocation ended
 * @param contentType the content type of {@code body}
 * @param body the function's result, the error it reported, or the error Lambda made up for it
 * @param runtimeRequest the runtime's {@code /response}, {@code /error} or {@code /init/error} request that
 *        decided the outcome, when there was one
 * @param deadline the deadline the simulator gave the runtime with the event ({@code Lambda-Runtime-Deadline-Ms}),
 *        when the invocation started
 */
public record InvocationResult(String requestId, Outcome outcome, String contentType, byte[] body,
        Optional<RecordedRequest> runtimeRequest, Optional<Instant> deadline) {

    /** How an invocation ended. Every outcome but {@link #RESPONSE} is a function error for the caller. */
    public enum Outcome {
        /** The runtime posted a {@code /response}. */
        RESPONSE,
        /** The runtime posted an {@code /error}. */
        FUNCTION_ERROR,
        /** The runtime or an extension reported an init error, or init did not finish in time. */
        INIT_FAILED,
        /** The runtime or an INVOKE-subscribed extension did not finish before the deadline. */
        TIMED_OUT,
        /** The runtime's {@code /response} was larger than Lambda accepts. */
        RESPONSE_TOO_LARGE,
        /** The runtime's {@code /response} named a response mode Lambda does not know. */
        INVALID_RESPONSE_MODE,
        /** The runtime's connection closed partway through a streamed {@code /response}. */
        RESPONSE_TRUNCATED,
        /** The runtime process exited before it answered: during init, or while the invocation ran. */
        RUNTIME_EXITED,
        /** The simulator shut down before the invocation finished. */
        SHUT_DOWN
    }

    static InvocationResult fromRuntime(String requestId, Outcome outcome, RecordedRequest request) {
        String contentType = request.header("Content-Type").orElse(Invocation.DEFAULT_CONTENT_TYPE);
        return new InvocationResult(requestId, outcome, contentType, request.body(), Optional.of(request),
                Optional.empty());
    }

    /**
     * A streamed {@code /response}: the function's result, or the error its trailers report when the function failed
     * partway through. Lambda's streaming runtimes send that error as a base64-encoded error document.
     */
    static InvocationResult fromStream(String requestId, RecordedRequest request) {
        return request.trailer(LambdaApi.FUNCTION_ERROR_TYPE)
                .map(errorType -> new InvocationResult(requestId, Outcome.FUNCTION_ERROR, ApiJson.CONTENT_TYPE,
                        request.trailer(LambdaApi.FUNCTION_ERROR_BODY).map(InvocationResult::decodeErrorBody)
                                .orElseGet(() -> ApiJson.bytes(new ApiJson.ErrorResponse("", errorType))),
                        Optional.of(request), Optional.empty()))
                .orElseGet(() -> fromRuntime(requestId, Outcome.RESPONSE, request));
    }

    private static byte[] decodeErrorBody(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            return base64.getBytes(StandardCharsets.UTF_8);
        }
    }

    static InvocationResult platformError(String requestId, Outcome outcome, ApiJson.ErrorResponse error) {
        return new InvocationResult(requestId, outcome, ApiJson.CONTENT_TYPE, ApiJson.bytes(error), Optional.empty(),
                Optional.empty());
    }

    /** The result of an invocation that started with the deadline {@code deadlineMs}. */
    InvocationResult startedWith(long deadlineMs) {
        return new InvocationResult(requestId, outcome, contentType, body, runtimeRequest,
                Optional.of(Instant.ofEpochMilli(deadlineMs)));
    }

    /** Whether the invoke API flags the answer with {@code X-Amz-Function-Error}. */
    public boolean functionError() {
        return outcome != Outcome.RESPONSE;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
