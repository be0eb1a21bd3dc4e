package dev.lrap.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import io.vertx.core.http.HttpServerResponse;

/**
 * One upstream {@code /next} in flight and the runtime poll waiting for its event, if any. Lambda hands an event to
 * the poll it already has, so when that runtime hangs up, the next runtime poll takes this one over instead of
 * opening a second upstream poll that would wait for an event never coming. Deliveries happen outside the lock,
 * since delivering one event may offer it to another poll.
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

    /** Hands this poll to {@code next} if no live runtime waits on it: the answer {@code next} waits for, or {@code null}. */
    synchronized CompletableFuture<UpstreamReply> adoptIfAbandoned(HttpServerResponse next) {
        if (settled || (runtime != null && !runtime.closed())) {
            return null;
        }
        runtime = next;
        answer = new CompletableFuture<>();
        return answer;
    }

    /**
     * Gives an event that found no runtime of its own to this poll's runtime, if one still waits here; the upstream
     * poll carries on, and its own event will find the next runtime poll.
     */
    boolean offer(UpstreamReply event, BiFunction<UpstreamReply, HttpServerResponse, UpstreamReply> deliver) {
        CompletableFuture<UpstreamReply> waiting;
        HttpServerResponse receiver;
        synchronized (this) {
            if (settled || runtime == null || runtime.closed()) {
                return false;
            }
            waiting = answer;
            receiver = runtime;
            runtime = null;
        }
        waiting.complete(deliver.apply(event, receiver));
        return true;
    }

    /** Answers the runtime waiting now, if any, with what the upstream sent; {@code deliver} sees who that is. */
    void settle(UpstreamReply reply, Throwable failure, BiFunction<UpstreamReply, HttpServerResponse, UpstreamReply> deliver) {
        CompletableFuture<UpstreamReply> waiting;
        HttpServerResponse receiver;
        synchronized (this) {
            settled = true;
            waiting = answer;
            receiver = runtime;
            runtime = null;
        }
        if (failure == null) {
            waiting.complete(deliver.apply(reply, receiver));
        } else {
            waiting.completeExceptionally(failure);
        }
    }
}
