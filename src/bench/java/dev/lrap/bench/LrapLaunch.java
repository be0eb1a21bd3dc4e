package dev.lrap.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.LambdaSimulator;
import dev.lrap.simulator.LaunchedProcess;

/**
 * lrap started from a layer the way Lambda starts an extension, watched until it is ready, and then a runtime
 * behind it, started through the layer's wrapper like any runtime of a function that uses lrap.
 */
final class LrapLaunch {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final LambdaSimulator simulator;
    private final Map<String, String> environment;
    private final int listenerPort;
    private final long launchedAt;
    private final LaunchedProcess lrap;

    private LrapLaunch(LambdaSimulator simulator, Path extension, Map<String, String> environment, int listenerPort) {
        this.simulator = simulator;
        this.environment = environment;
        this.listenerPort = listenerPort;
        this.launchedAt = System.nanoTime();
        this.lrap = simulator.launchExtension(extension, environment);
    }

    /** How long lrap took from the launch of its process until it accepted connections, and until it registered. */
    record StartupTimes(Duration listening, Duration registered) {
    }

    /**
     * Launches lrap from {@code layer} on a free listener port, with the function's environment plus
     * {@code settings}; the runtime will get the same, as Lambda gives every process of a function the same variables.
     */
    static LrapLaunch start(Layer layer, Map<String, String> settings) {
        int port = DynamoDbLocal.freePort();
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("LRAP_LISTENER_PORT", Integer.toString(port));
        environment.put(LambdaSimulator.EXEC_WRAPPER, layer.wrapper().toString());
        // the JVM layer's launcher takes the JVM from JAVA_HOME: the one running the benchmarks
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        return new LrapLaunch(BenchFunction.simulator(), layer.extension(), environment, port);
    }

    /** How long ago lrap's process was launched. */
    Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    LaunchedProcess process() {
        return lrap;
    }

    /** Waits until lrap has registered, watching its listener by connecting to it until it accepts. */
    StartupTimes awaitReady() {
        Long listening = null;
        Long registered = null;
        while (listening == null || registered == null) {
            long now = System.nanoTime() - launchedAt;
            if (listening == null && accepts(listenerPort)) {
                listening = now;
            }
            if (registered == null && !simulator.registeredExtensions().isEmpty()) {
                registered = now;
            }
            if (!lrap.isAlive() || now > START_TIMEOUT.toNanos()) {
                throw new IllegalStateException((lrap.isAlive() ? "lrap was not ready after " + START_TIMEOUT.toSeconds()
                        + " s" : "lrap exited before it was ready") + "; its output:\n" + lrap.output());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return new StartupTimes(Duration.ofNanos(listening), Duration.ofNanos(registered));
    }

    /** Starts the runtime through lrap's wrapper; call once lrap is ready. */
    BenchFunction withRuntime(List<String> runtimeCommand) {
        LaunchedProcess runtime = simulator.launchRuntime(runtimeCommand, environment);
        return new BenchFunction("the function behind lrap", simulator, runtime, Optional.of(lrap), Optional.empty());
    }

    /** Shuts the simulated environment down, and lrap with it, without ever starting the runtime. */
    void stop() {
        simulator.close();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
