package dev.lrap.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import io.vertx.core.http.HttpServerResponse;

/**
 * One upstream {@code /next} in flight and the runtime poll waiting for its event. Lambda hands an event to the
 * poll it already has, so when that runtime hangs up, the next runtime poll takes this one over instead of
 * opening a second upstream poll that would wait for an event never coming.
 */
final class PendingPoll {

    private HttpServerResponse runtime;
    private CompletableFuture<UpstreamReply> answer = new CompletableFuture<>();
    private boolean settled;

    PendingPoll(HttpServerResponse runtime) {
        this.runtime = runtime;
    }

    synchronized CompletableFuture<UpstreamReply> answer() {
        return answer;
    }

    /** Hands this poll to {@code next} if its runtime has hung up: the answer {@code next} waits for, or {@code null}. */
    synchronized CompletableFuture<UpstreamReply> adoptIfAbandoned(HttpServerResponse next) {
        if (settled || !runtime.closed()) {
            return null;
        }
        runtime = next;
        answer = new CompletableFuture<>();
        return answer;
    }

    /** Answers the runtime now waiting with what the upstream sent, after {@code deliver} saw who that runtime is. */
    synchronized void settle(UpstreamReply reply, Throwable failure,
            BiFunction<UpstreamReply, HttpServerResponse, UpstreamReply> deliver) {
        settled = true;
        if (failure == null) {
            answer.complete(deliver.apply(reply, runtime));
        } else {
            answer.completeExceptionally(failure);
        }
    }
}
