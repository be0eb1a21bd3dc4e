package dev.lrap.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.ApiJson.ErrorResponse;
import dev.lrap.simulator.InvocationResult.Outcome;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

/**
 * The simulated execution environment: whether init has finished, the invocations waiting for the runtime, the
 * runtime's polls waiting for invocations, and the invocations under way. Every method runs on the simulator's
 * single event loop, so none of this state needs locking.
 */
final class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);

    /** Finished invocations stay known for a while so that late or repeated answers get 403 or 410, not 400. */
    private static final int REMEMBERED_INVOCATIONS = 1000;

    /** The response mode of a {@code /response} that says none. */
    private static final String BUFFERED = "buffered";

    private final SimulatorConfig config;
    private final Vertx vertx;
    private final Extensions extensions;
    private final FunctionProcesses processes;
    private final Deque<PendingInvocation> queued = new ArrayDeque<>();
    private final Deque<Promise<PendingInvocation>> runtimePolls = new ArrayDeque<>();
    private final Map<String, PendingInvocation> runningByRequestId = new HashMap<>();
    private final Map<String, PendingInvocation.Finished> finishedByRequestId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PendingInvocation.Finished> eldest) {
            return size() > REMEMBERED_INVOCATIONS;
        }
    };
    private boolean runtimeReady;
    /** The runtime exited: the next invocation starts it again. */
    private boolean runtimeGone;
    /** What every new invocation gets at once after init failed or the environment shut down; null before. */
    private Function<String, InvocationResult> refusal;

    Sandbox(SimulatorConfig config, Vertx vertx, Extensions extensions, FunctionProcesses processes) {
        this.config = config;
        this.vertx = vertx;
        this.extensions = extensions;
        this.processes = processes;
    }

    CompletableFuture<InvocationResult> enqueue(Invocation invocation) {
        return enqueue(invocation, null);
    }

    /** @param streamingCaller where a streamed response goes as it arrives, or null to have it whole in the result */
    CompletableFuture<InvocationResult> enqueue(Invocation invocation, HttpServerResponse streamingCaller) {
        PendingInvocation pending = new PendingInvocation(invocation, streamingCaller);
        if (refusal != null) {
            pending.finish(refusal.apply(pending.requestId()));
            return pending.result();
        }
        queued.add(pending);
        if (runtimeGone) {
            runtimeGone = false;
            processes.relaunchRuntime();
        }
        if (!initComplete()) {
            vertx.setTimer(config.initTimeout().toMillis(), timer -> initTimedOut(pending));
        }
        dispatch();
        return pending.result();
    }

    /** The result of the invocation the runtime is working on under {@code requestId}. */
    CompletableFuture<InvocationResult> resultOf(String requestId) {
        return Optional.ofNullable(runningByRequestId.get(requestId)).map(PendingInvocation::result)
                .orElseThrow(() -> new IllegalArgumentException("No invocation " + requestId + " is under way"));
    }

    private void initTimedOut(PendingInvocation pending) {
        if (!initComplete() && queued.remove(pending)) {
            pending.finish(InvocationResult.platformError(pending.requestId(), Outcome.INIT_FAILED, new ErrorResponse(
                    "Init did not complete within " + seconds(config.initTimeout()) + " seconds", "Sandbox.Timedout")));
        }
    }

    void runtimeNext(Promise<PendingInvocation> poll) {
        markRuntimeReady();
        runtimePolls.add(poll);
        dispatch();
    }

    /** A runtime restored from a snapshot is as ready as one asking for its first invocation. */
    void runtimeRestored() {
        markRuntimeReady();
        dispatch();
    }

    private void markRuntimeReady() {
        runtimeReady = true;
        extensions.closeRegistration();
    }

    void runtimeInitError(RecordedRequest report) {
        if (runtimeReady) {
            throw new ApiException(403, "InvalidStateTransition", "State transition from RuntimeReadyState to InitError"
                    + " failed for runtime. Error: State transition is not allowed");
        }
        failInit(runtimeReport(report));
    }

    /** Lambda serves a failed restore like a failed init. */
    void runtimeRestoreError(RecordedRequest report) {
        failInit(runtimeReport(report));
    }

    /** The runtime's own init or restore error report, which every caller gets from then on. */
    private static Function<String, InvocationResult> runtimeReport(RecordedRequest report) {
        return requestId -> InvocationResult.fromRuntime(requestId, Outcome.INIT_FAILED, report);
    }

    /**
     * @param reported {@link Outcome#RESPONSE} for a {@code /response}, {@link Outcome#FUNCTION_ERROR} for an
     *        {@code /error}
     */
    void runtimeAnswered(String requestId, Outcome reported, RecordedRequest request) {
        PendingInvocation invocation = answerable(requestId, reported).orElse(null);
        if (invocation == null) {
            return;
        }
        if (reported == Outcome.RESPONSE && hasUnknownResponseMode(request)) {
            refuseFailing(invocation, Outcome.INVALID_RESPONSE_MODE,
                    new ErrorResponse("Invalid function response mode", "Runtime.InvalidResponseModeHeader"),
                    new ApiException(400, "InvalidFunctionResponseMode", "Invalid function response mode"));
        }
        if (reported == Outcome.RESPONSE && exceedsResponseLimit(request)) {
            refuseFailing(invocation, Outcome.RESPONSE_TOO_LARGE,
                    new ErrorResponse("Response payload size exceeded maximum allowed payload size ("
                            + SimulatorApi.MAX_RESPONSE_BYTES + " bytes).", "Function.ResponseSizeTooLarge"),
                    new ApiException(413, "RequestEntityTooLarge",
                            "Exceeded maximum allowed payload size (" + SimulatorApi.MAX_RESPONSE_BYTES + " bytes)."));
        }
        invocation.answer(reported, isStreamed(request) ? InvocationResult.fromStream(requestId, request)
                : InvocationResult.fromRuntime(requestId, reported, request));
        settleIfDone(invocation);
    }

    /**
     * The running invocation a runtime's answer is for; empty for an answer after shutdown, which is taken and dropped
     * as Lambda does.
     *
     * @throws ApiException Lambda's refusal of an answer to an unknown, finished or timed-out invocation
     */
    private Optional<PendingInvocation> answerable(String requestId, Outcome reported) {
        PendingInvocation invocation = runningByRequestId.get(requestId);
        if (invocation == null) {
            Optional.ofNullable(finishedByRequestId.get(requestId))
                    .orElseThrow(() -> new ApiException(400, "InvalidRequestID", "Invalid request ID"))
                    .refuseAnswer(reported);
        }
        return Optional.ofNullable(invocation);
    }

    /**
     * The runtime starts streaming its {@code /response}; refused like any answer Lambda would not take.
     *
     * @return the streaming caller the response goes to as it arrives, if the invocation has one
     */
    Optional<HttpServerResponse> responseStreamStarts(String requestId) {
        return answerable(requestId, Outcome.RESPONSE).flatMap(invocation -> {
            invocation.finished().refuseAnswer(Outcome.RESPONSE);
            return invocation.streamingCaller();
        });
    }

    /** The runtime's connection closed partway through its streamed {@code /response}: Lambda fails the invocation. */
    void responseStreamCutOff(String requestId) {
        PendingInvocation invocation = runningByRequestId.get(requestId);
        if (invocation != null && invocation.runtimeAnswer() == null) {
            invocation.answer(Outcome.RESPONSE, InvocationResult.platformError(requestId, Outcome.RESPONSE_TRUNCATED,
                    new ErrorResponse("The runtime's connection closed before its streamed response ended",
                            "Runtime.TruncatedResponse")));
            settleIfDone(invocation);
        }
    }

    /** Lambda fails the invocation whose {@code /response} it refuses, and the caller gets {@code failure}. */
    private void refuseFailing(PendingInvocation invocation, Outcome outcome, ErrorResponse failure, ApiException refusal) {
        invocation.answer(Outcome.RESPONSE, InvocationResult.platformError(invocation.requestId(), outcome, failure));
        settleIfDone(invocation);
        throw refusal;
    }

    /** Lambda knows two response modes, whatever their case: {@code buffered}, the default, and {@code streaming}. */
    private static boolean hasUnknownResponseMode(RecordedRequest response) {
        return response.header(LambdaApi.RESPONSE_MODE)
                .filter(mode -> !mode.equalsIgnoreCase(BUFFERED) && !LambdaApi.isStreaming(mode))
                .isPresent();
    }

    private static boolean exceedsResponseLimit(RecordedRequest response) {
        return !isStreamed(response) && response.body().length > SimulatorApi.MAX_RESPONSE_BYTES;
    }

    /** Streamed responses have Lambda's streaming limit, 200 MB, which the simulator does not enforce. */
    private static boolean isStreamed(RecordedRequest response) {
        return response.header(LambdaApi.RESPONSE_MODE).filter(LambdaApi::isStreaming).isPresent();
    }

    RegisteredExtension registerExtension(String name, List<String> eventNames) {
        return extensions.register(name, eventNames);
    }

    void extensionNext(String identifier, Promise<byte[]> poll) {
        extensions.agent(identifier).poll(poll).ifPresent(this::settleIfDone);
        // the last extension's first poll may be what completes init
        dispatch();
    }

    void extensionError(String identifier, ExtensionError.Phase phase, String errorType, RecordedRequest report) {
        ExtensionError error = extensions.reportError(identifier, phase, errorType, report);
        if (phase == ExtensionError.Phase.INIT) {
            ErrorResponse initError = new ErrorResponse("Extension " + error.extensionName()
                    + " failed to initialize: " + errorType, "Extension.InitError");
            failInit(requestId -> InvocationResult.platformError(requestId, Outcome.INIT_FAILED, initError));
        }
    }

    /**
     * The runtime's process exited on its own. Lambda fails the init or the invocation it leaves behind with
     * {@code Runtime.ExitError} at once, rather than at their timeouts, and inits anew for the next invocation. A
     * runtime that reported its init error first leaves that error as the answer.
     */
    void runtimeExited(int exitStatus) {
        if (refusal != null) {
            return;
        }
        LOG.infof("The runtime exited with status %d; the next invocation starts it again", exitStatus);
        ErrorResponse exitError = new ErrorResponse(exitStatus == 0 ? "Runtime exited without providing a reason"
                : "Runtime exited with error: exit status " + exitStatus, "Runtime.ExitError");
        runtimeReplaced();
        runtimeGone = true;
        failEveryInvocation(requestId -> InvocationResult.platformError(requestId, Outcome.RUNTIME_EXITED, exitError));
    }

    /** Ends every invocation and sends SHUTDOWN to the extensions that subscribed to it. */
    void shutdown(long deadlineMs) {
        refuseFromNowOn(requestId -> InvocationResult.platformError(requestId, Outcome.SHUT_DOWN,
                new ErrorResponse("The execution environment shut down", "Sandbox.Shutdown")));
        extensions.sendShutdown(ApiJson.bytes(
                new ApiJson.ShutdownEvent(EventType.SHUTDOWN.name(), deadlineMs, "spindown")));
    }

    private void failInit(Function<String, InvocationResult> failure) {
        LOG.info("Init failed: invocations get the init error from now on");
        refuseFromNowOn(failure);
    }

    private void refuseFromNowOn(Function<String, InvocationResult> reason) {
        refusal = reason;
        failEveryInvocation(reason);
    }

    /** Fails the invocations waiting and those under way with {@code reason}. */
    private void failEveryInvocation(Function<String, InvocationResult> reason) {
        queued.forEach(pending -> pending.finish(reason.apply(pending.requestId())));
        queued.clear();
        List.copyOf(runningByRequestId.values())
                .forEach(invocation -> finishRunning(invocation, reason.apply(invocation.requestId())));
    }

    /** Whether init is complete and a runtime poll waits for the next invocation. */
    boolean awaitingInvocation() {
        runtimePolls.removeIf(poll -> poll.future().isComplete());
        return initComplete() && !runtimePolls.isEmpty();
    }

    private boolean initComplete() {
        return runtimeReady && extensions.allPolled() && refusal == null;
    }

    private void dispatch() {
        // a poll whose connection closed has been failed already
        runtimePolls.removeIf(poll -> poll.future().isComplete());
        while (initComplete() && runningByRequestId.size() < config.maxConcurrency() && !queued.isEmpty()
                && !runtimePolls.isEmpty()) {
            PendingInvocation invocation = queued.remove();
            start(invocation);
            runtimePolls.remove().complete(invocation);
        }
    }

    private void start(PendingInvocation invocation) {
        long timeoutMs = config.functionTimeout().toMillis();
        long deadlineTimer = vertx.setTimer(timeoutMs, timer -> timeOut(invocation));
        invocation.start(System.currentTimeMillis() + timeoutMs, deadlineTimer);
        runningByRequestId.put(invocation.requestId(), invocation);
        ApiJson.InvokeEvent event = new ApiJson.InvokeEvent(EventType.INVOKE.name(), invocation.deadlineMs(),
                invocation.requestId(), config.functionArn(),
                new ApiJson.Tracing(SimulatorApi.INVOKE_TRACE_ID, invocation.traceId()));
        invocation.awaitExtensions(extensions.sendInvoke(invocation, ApiJson.bytes(event)));
        LOG.debugf("Invocation %s started", invocation.requestId());
    }

    private void timeOut(PendingInvocation invocation) {
        invocation.expire();
        String message = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + invocation.requestId()
                + " Task timed out after " + seconds(config.functionTimeout()) + " seconds";
        finishRunning(invocation, InvocationResult.platformError(invocation.requestId(), Outcome.TIMED_OUT,
                new ErrorResponse(message, "Sandbox.Timedout")));
        // Lambda resets the environment, so that a handler that never returns holds no later invocation up; on Managed
        // Instances the runtime serves other invocations still
        if (config.maxConcurrency() == 1 && processes.killRuntime()) {
            runtimeReplaced();
            processes.relaunchRuntime();
        }
    }

    /**
     * The runtime to come is ready once it polls. A poll still open counts already: a proxy such as lrap holds the poll
     * of a runtime that went away for the next one.
     */
    private void runtimeReplaced() {
        runtimePolls.removeIf(poll -> poll.future().isComplete());
        runtimeReady = !runtimePolls.isEmpty();
    }

    private void settleIfDone(PendingInvocation invocation) {
        if (invocation.isSettled()) {
            finishRunning(invocation, invocation.runtimeAnswer());
        }
    }

    /** Hands a started invocation's caller the result and frees the invocation's slot for the next one. */
    private void finishRunning(PendingInvocation invocation, InvocationResult result) {
        if (invocation.finish(result.startedWith(invocation.deadlineMs()))) {
            vertx.cancelTimer(invocation.deadlineTimer());
            runningByRequestId.remove(invocation.requestId());
            finishedByRequestId.put(invocation.requestId(), invocation.finished());
            LOG.debugf("Invocation %s finished: %s", invocation.requestId(), result.outcome());
            dispatch();
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
    }
}
