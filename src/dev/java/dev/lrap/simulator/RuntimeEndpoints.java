package dev.lrap.simulator;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** The Runtime API: what the runtime process, or a proxy in front of it, talks to. */
final class RuntimeEndpoints {

    private final Sandbox sandbox;
    private final String functionArn;

    RuntimeEndpoints(Sandbox sandbox, String functionArn) {
        this.sandbox = sandbox;
        this.functionArn = functionArn;
    }

    /** Long-polls for an invocation, with no timeout, like Lambda. */
    void next(HttpServerRequest request) {
        Promise<PendingInvocation> poll = Promise.promise();
        request.response().closeHandler(closed -> poll.tryFail("The runtime closed its connection"));
        poll.future().onSuccess(invocation -> send(request.response(), invocation));
        sandbox.runtimeNext(poll);
    }

    private void send(HttpServerResponse response, PendingInvocation pending) {
        Invocation invocation = pending.invocation();
        MultiMap headers = response.headers()
                .add(LambdaApi.REQUEST_ID, pending.requestId())
                .add(LambdaApi.DEADLINE_MS, Long.toString(pending.deadlineMs()))
                .add(LambdaApi.FUNCTION_ARN, functionArn)
                .add(LambdaApi.TRACE_ID, pending.traceId())
                .add(LambdaApi.INVOCATION_ID, pending.invocationId())
                .add(HttpHeaders.CONTENT_TYPE, invocation.contentType());
        invocation.nextHeaders().forEach(header -> headers.add(header.getKey(), header.getValue()));
        response.end(Buffer.buffer(invocation.payload()));
    }

    /** SnapStart's restore never waits here: the simulator has no snapshot to restore from. */
    void restoreNext(HttpServerRequest request) {
        sandbox.runtimeRestored();
        request.response().end();
    }

    void initError(HttpServerRequest request) {
        Replies.acceptReport(request, sandbox::runtimeInitError);
    }

    void restoreError(HttpServerRequest request) {
        Replies.acceptReport(request, sandbox::runtimeRestoreError);
    }

    /** Takes the runtime's {@code /response} or {@code /error} for an invocation. */
    void report(HttpServerRequest request, String requestId, Outcome reported) {
        if (reported == Outcome.RESPONSE && LambdaApi.isStreaming(request.getHeader(LambdaApi.RESPONSE_MODE))) {
            ResponseStream.accept(sandbox, requestId, request);
        } else {
            Replies.acceptReport(request, report -> sandbox.runtimeAnswered(requestId, reported, report));
        }
    }
}
