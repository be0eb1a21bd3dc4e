package dev.lrap.proxy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerResponse;

/**
 * Decides which runtime poll gets which event. Runtime polls wait in arrival order; each causes at most one upstream
 * poll, and a poll whose runtime hung up stays in flight for the next runtime poll, since Lambda hands its event to
 * the poll it already has. Events that found no runtime, or whose write to the runtime failed, wait for the next
 * runtime poll. Once lrap stops, runtime polls wait no more. All of this state changes under one lock, so no event
 * can slip between a runtime and the queue, and no poll can start waiting as lrap stops.
 * <p>
 * The methods only decide; the caller writes to the runtime it is given, outside the lock.
 */
final class PollHandover {

    private static final Logger LOG = Logger.getLogger(PollHandover.class);

    private final Deque<HttpServerResponse> waiting = new ArrayDeque<>();
    private final Deque<UpstreamReply> undelivered = new ArrayDeque<>();
    private int upstreamPolls;
    private boolean stopping;

    /**
     * What a runtime poll that just arrived gets.
     *
     * @param kept an event that is already here, to write to it at once, or {@code null}
     * @param pollsUpstream whether an upstream poll must start for it; otherwise one already in flight is its own
     * @param endsUnanswered whether lrap is stopping, so that the poll is to end at once
     */
    record Arrival(UpstreamReply kept, boolean pollsUpstream, boolean endsUnanswered) {
    }

    synchronized Arrival arrive(HttpServerResponse runtime) {
        UpstreamReply kept = undelivered.poll();
        if (kept != null) {
            return new Arrival(kept, false, false);
        }
        if (stopping || runtime.closed()) {
            return new Arrival(null, false, stopping);
        }
        waiting.add(runtime);
        boolean pollsUpstream = upstreamPolls < waiting.size();
        if (pollsUpstream) {
            upstreamPolls++;
        }
        return new Arrival(null, pollsUpstream, false);
    }

    /** lrap stops: the runtimes waiting, whose polls are to end, and no runtime waits from now on. */
    synchronized List<HttpServerResponse> stop() {
        stopping = true;
        List<HttpServerResponse> waited = List.copyOf(waiting);
        waiting.clear();
        return waited;
    }

    /** The runtime's connection closed: it waits no more, and its upstream poll, if any, goes to the next runtime poll. */
    synchronized void hungUp(HttpServerResponse runtime) {
        if (waiting.remove(runtime)) {
            LOG.info("A runtime hung up while waiting for an event; its upstream poll goes to the next runtime poll");
        }
    }

    /**
     * An upstream poll ended with {@code reply}: the runtime that gets it, or {@code null} when none waits, in which
     * case an event is kept for the next poll.
     */
    synchronized HttpServerResponse answered(UpstreamReply reply) {
        upstreamPolls--;
        HttpServerResponse runtime = waiting.poll();
        if (runtime == null && reply.isEvent()) {
            undelivered.add(reply);
        }
        return runtime;
    }

    /** An upstream poll failed: the runtime to tell, or {@code null} when none waits. */
    synchronized HttpServerResponse failed() {
        upstreamPolls--;
        return waiting.poll();
    }

    /**
     * An event whose write to a runtime failed: the runtime waiting now that gets it instead, or {@code null} when none
     * waits, in which case it is the first the next runtime poll gets.
     */
    synchronized HttpServerResponse redeliver(UpstreamReply event) {
        HttpServerResponse runtime = waiting.poll();
        if (runtime == null) {
            undelivered.addFirst(event);
        }
        return runtime;
    }
}
