package dev.lrap.simulator;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import dev.lrap.simulator.InvocationResult.Outcome;
import io.vertx.core.http.HttpServerResponse;

/**
 * An invocation from the moment a caller asks for it until the caller has its result. Lambda finishes an
 * invocation only when both sides are done with it: the runtime has answered it exactly once, and every
 * INVOKE-subscribed extension has come back for its next event.
 */
final class PendingInvocation {

    private final Invocation invocation;
    /** The caller of a streaming invoke, who gets a streamed response as it arrives; null for any other caller. */
    private final HttpServerResponse streamingCaller;
    private final String requestId = UUID.randomUUID().toString();
    private final String invocationId = UUID.randomUUID().toString();
    private final String traceId;
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private final Set<ExtensionAgent> busyExtensions = new HashSet<>();
    private long deadlineMs;
    private long deadlineTimer;
    private InvocationResult runtimeAnswer;
    private boolean expiredUnanswered;

    PendingInvocation(Invocation invocation, HttpServerResponse streamingCaller) {
        this.invocation = invocation;
        this.streamingCaller = streamingCaller;
        this.traceId = invocation.traceId().orElseGet(PendingInvocation::newTraceId);
    }

    /** An X-Ray trace header like Lambda's when the caller sent none: {@code Root=1-<epoch s>-<96 bits>}. */
    private static String newTraceId() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "Root=1-" + hex.toHexDigits((int) Instant.now().getEpochSecond())
                + "-" + hex.toHexDigits(random.nextInt()) + hex.toHexDigits(random.nextLong())
                + ";Parent=" + hex.toHexDigits(random.nextLong()) + ";Sampled=0";
    }

    Invocation invocation() {
        return invocation;
    }

    Optional<HttpServerResponse> streamingCaller() {
        return Optional.ofNullable(streamingCaller);
    }

    String requestId() {
        return requestId;
    }

    String invocationId() {
        return invocationId;
    }

    String traceId() {
        return traceId;
    }

    long deadlineMs() {
        return deadlineMs;
    }

    long deadlineTimer() {
        return deadlineTimer;
    }

    CompletableFuture<InvocationResult> result() {
        return result;
    }

    /** The deadline runs from the moment the runtime receives the invocation, not from the caller's request. */
    void start(long deadlineMs, long deadlineTimer) {
        this.deadlineMs = deadlineMs;
        this.deadlineTimer = deadlineTimer;
    }

    void awaitExtensions(Collection<ExtensionAgent> extensions) {
        busyExtensions.addAll(extensions);
    }

    void extensionFinished(ExtensionAgent extension) {
        busyExtensions.remove(extension);
    }

    /**
     * Takes the runtime's answer; Lambda accepts one per invocation, and none after the deadline.
     *
     * @param reported what the runtime's request reports: a {@code /response} or an {@code /error}
     * @param answer what the caller will get for it
     */
    void answer(Outcome reported, InvocationResult answer) {
        finished().refuseAnswer(reported);
        runtimeAnswer = answer;
    }

    /** Called at the deadline: from now on the runtime's answer comes too late. */
    void expire() {
        expiredUnanswered = runtimeAnswer == null;
    }

    boolean isSettled() {
        return runtimeAnswer != null && busyExtensions.isEmpty();
    }

    InvocationResult runtimeAnswer() {
        return runtimeAnswer;
    }

    /** Hands the caller its result; false when it already has one. */
    boolean finish(InvocationResult finalResult) {
        return result.complete(finalResult);
    }

    /** What stays known of this invocation once it is over: enough to refuse a late answer, none of its payloads. */
    Finished finished() {
        return new Finished(requestId, expiredUnanswered, runtimeAnswer != null);
    }

    /**
     * An invocation as Lambda remembers it for answers that come too late.
     *
     * @param expiredUnanswered the deadline passed before the runtime answered
     * @param answered the runtime has answered already
     */
    record Finished(String requestId, boolean expiredUnanswered, boolean answered) {

        /** Lambda accepts one answer per invocation, and none after the deadline. */
        void refuseAnswer(Outcome reported) {
            if (expiredUnanswered) {
                throw new ApiException(410, "InvocationTimedOut", "Invocation " + requestId + " has timed out");
            }
            if (answered) {
                String transition = reported == Outcome.RESPONSE ? "InvocationResponse" : "InvocationErrorResponse";
                throw new ApiException(403, "InvalidStateTransition", "State transition from RuntimeResponseSentState to "
                        + transition + " failed for runtime. Error: State transition is not allowed");
            }
        }
    }
}
