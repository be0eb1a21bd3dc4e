package dev.lrap.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.LambdaSimulator;
import dev.lrap.simulator.LaunchedProcess;

/**
 * A simulated function whose runtime (see {@link FunctionRuntime}) is reached in one of the ways the benchmarks
 * compare: directly, through the plain forwarder (see {@link ForwarderProcess}), or through lrap started from a layer
 * (see {@link LrapLaunch}).
 */
final class BenchFunction implements AutoCloseable {

    private static final Duration RUNTIME_START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final LambdaSimulator simulator;
    private final LaunchedProcess runtime;
    private final Optional<LaunchedProcess> lrap;
    /** Closes the plain forwarder in front of the runtime, when there is one. */
    private final Optional<Runnable> forwarder;

    BenchFunction(String name, LambdaSimulator simulator, LaunchedProcess runtime, Optional<LaunchedProcess> lrap,
            Optional<Runnable> forwarder) {
        this.name = name;
        this.simulator = simulator;
        this.runtime = runtime;
        this.lrap = lrap;
        this.forwarder = forwarder;
    }

    /** The runtime, started by {@code runtimeCommand}, talks to the simulated Runtime API itself. */
    static BenchFunction direct(List<String> runtimeCommand) {
        LambdaSimulator simulator = simulator();
        LaunchedProcess runtime = simulator.launchRuntime(runtimeCommand, Map.of());
        return new BenchFunction("the function without proxy", simulator, runtime, Optional.empty(), Optional.empty());
    }

    /** The runtime talks to the Runtime API through a plain forwarder that {@code forwarders} opens for it. */
    static BenchFunction throughPlainForwarder(ForwarderProcess forwarders, List<String> runtimeCommand) {
        LambdaSimulator simulator = simulator();
        String forwarder = forwarders.open(simulator.runtimeApi());
        LaunchedProcess runtime = simulator.launchRuntime(runtimeCommand, Map.of("AWS_LAMBDA_RUNTIME_API", forwarder));
        return new BenchFunction("the function behind the plain forwarder", simulator, runtime, Optional.empty(),
                Optional.of(() -> forwarders.close(forwarder)));
    }

    /** The runtime talks to lrap, started from {@code layer} with these environment variables. */
    static BenchFunction throughLrap(Layer layer, Map<String, String> settings, List<String> runtimeCommand) {
        LrapLaunch launch = LrapLaunch.start(layer, settings);
        try {
            launch.awaitReady();
        } catch (RuntimeException notReady) {
            launch.stop();
            throw notReady;
        }
        return launch.withRuntime(runtimeCommand);
    }

    /** A simulator for one benchmark function, with time to spare for 6 MiB payloads on a busy machine. */
    static LambdaSimulator simulator() {
        return LambdaSimulator.builder().functionName("lrap-bench").functionTimeout(Duration.ofSeconds(60))
                .initTimeout(Duration.ofSeconds(30)).build().start();
    }

    /**
     * Waits until the function's runtime is ready and asks for its first invocation, so that no invocation timed after
     * this carries the runtime's own start-up.
     */
    void awaitRuntime() {
        long deadline = System.nanoTime() + RUNTIME_START_TIMEOUT.toNanos();
        while (!simulator.awaitingInvocation()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The runtime of " + name + " did not ask for an invocation within "
                        + RUNTIME_START_TIMEOUT.toSeconds() + " s. Its output ends with:\n" + tail(runtime.output()));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Invokes the function and checks that it answered. */
    InvocationResult invoke(Invocation invocation) {
        InvocationResult result = simulator.invoke(invocation);
        if (result.outcome() != InvocationResult.Outcome.RESPONSE) {
            throw new IllegalStateException("An invocation of " + name + " ended with " + result.outcome() + ": "
                    + result.bodyAsString() + "\nThe runtime's output ends with:\n" + tail(runtime.output())
                    + lrap.map(process -> "\nlrap's output ends with:\n" + tail(process.output())).orElse(""));
        }
        return result;
    }

    /** Invokes the function and checks that the event came back unchanged in size: nothing was offloaded. */
    InvocationResult echo(Invocation invocation) {
        InvocationResult result = invoke(invocation);
        if (result.body().length != invocation.payload().length) {
            throw new IllegalStateException(name + " answered " + result.body().length + " bytes to an event of "
                    + invocation.payload().length);
        }
        return result;
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 4_000));
    }

    /** Where Lambda's streaming invoke of this function is served. */
    URI streamingInvokeUri() {
        return simulator.streamingInvokeUri();
    }

    /** The lrap process, when lrap is in the path. */
    Optional<LaunchedProcess> lrap() {
        return lrap;
    }

    @Override
    public void close() {
        // the forwarder first: its long poll is cut then, not by the simulator, which would be a failure
        try {
            forwarder.ifPresent(Runnable::run);
        } finally {
            simulator.close();
        }
    }
}
