package dev.lrap.simulator;

import java.util.Optional;

import dev.lrap.LambdaApi;
import dev.lrap.proxy.StreamedBody;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A {@code /response} the runtime streams, on its way: to a streaming caller as it arrives, the runtime waiting while
 * the caller cannot take more, or else kept until it is complete, for a caller that wants the result whole.
 */
final class ResponseStream implements StreamedBody.Destination {

    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final Sandbox sandbox;
    private final String requestId;
    private final HttpServerRequest runtime;
    private final HttpServerResponse caller;
    private final Buffer kept = Buffer.buffer();
    private Handler<Void> drained;
    private boolean callerGone;

    private ResponseStream(Sandbox sandbox, String requestId, HttpServerRequest runtime, HttpServerResponse caller) {
        this.sandbox = sandbox;
        this.requestId = requestId;
        this.runtime = runtime;
        this.caller = caller;
        if (caller != null) {
            caller.closeHandler(closed -> callerHungUp());
        }
    }

    /**
     * A caller that hangs up takes no more, and no longer holds the runtime back: the stream goes on to its end, as Lambda
     * lets a function finish whose caller went away. Vert.x calls no drain handler for a closed connection.
     */
    private void callerHungUp() {
        callerGone = true;
        if (drained != null) {
            drained.handle(null);
        }
    }

    /**
     * Takes the streamed {@code /response} {@code runtime} sends for the invocation, or answers with Lambda's refusal.
     * Called while the request head is handled, so that the body's trailers are seen.
     */
    static void accept(Sandbox sandbox, String requestId, HttpServerRequest runtime) {
        StreamedBody body = StreamedBody.of(runtime);
        Replies.answer(runtime.response(), () -> {
            Optional<HttpServerResponse> caller;
            try {
                caller = sandbox.responseStreamStarts(requestId);
            } catch (ApiException refused) {
                body.discard();
                throw refused;
            }
            caller.ifPresent(streaming -> streaming.setStatusCode(200).setChunked(true)
                    .putHeader(HttpHeaderNames.CONTENT_TYPE, contentType(runtime)));
            body.pipeTo(new ResponseStream(sandbox, requestId, runtime, caller.orElse(null)));
        });
    }

    private static String contentType(HttpServerRequest runtime) {
        String contentType = runtime.getHeader(HttpHeaderNames.CONTENT_TYPE);
        return contentType != null ? contentType : DEFAULT_CONTENT_TYPE;
    }

    @Override
    public void write(Buffer chunk) {
        if (caller == null) {
            kept.appendBuffer(chunk);
        } else if (!callerGone) {
            caller.write(chunk);
        }
    }

    @Override
    public boolean writeQueueFull() {
        return caller != null && !callerGone && caller.writeQueueFull();
    }

    @Override
    public void drainHandler(Handler<Void> drained) {
        this.drained = drained;
        caller.drainHandler(drained);
    }

    @Override
    public void end(HttpHeaders trailers) {
        Replies.answer(runtime.response(), () -> {
            sandbox.runtimeAnswered(requestId, InvocationResult.Outcome.RESPONSE, RecordedRequest.of(runtime, kept, trailers));
            Replies.json(runtime.response(), 202, ApiJson.StatusResponse.OK);
        });
    }

    @Override
    public void abort() {
        sandbox.responseStreamCutOff(requestId);
    }
}
