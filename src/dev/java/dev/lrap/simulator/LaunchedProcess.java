package dev.lrap.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

/**
 * A runtime or extension process the simulator started. Its output (stdout and stderr together, as Lambda
 * sends both to CloudWatch) is kept for assertions and echoed to the simulator's log under the process' name.
 */
public final class LaunchedProcess {

    private static final Logger LOG = Logger.getLogger(LaunchedProcess.class);

    /** How long to wait for the last output after exit: a child left behind may keep the pipe open. */
    private static final Duration OUTPUT_DRAIN = Duration.ofMillis(500);

    private final String name;
    private final Process process;
    private final CompletableFuture<Instant> exitTime;
    private final StringBuffer output = new StringBuffer();
    private final Thread outputPump;

    private LaunchedProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.exitTime = process.onExit().thenApply(exited -> Instant.now());
        this.outputPump = new Thread(this::pumpOutput, "lambda-simulator-" + name);
        outputPump.setDaemon(true);
    }

    static LaunchedProcess start(String name, List<String> command, Map<String, String> env, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            LaunchedProcess launched = new LaunchedProcess(name, builder.start());
            launched.outputPump.start();
            LOG.infof("Started %s as pid %d", name, launched.pid());
            return launched;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = process.inputReader()) {
            reader.lines().forEach(line -> {
                output.append(line).append('\n');
                LOG.infof("[%s] %s", name, line);
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("Stopped reading the output of %s: %s", name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the process has printed so far. */
    public String output() {
        return output.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Calls {@code exited} with the exit status once the process has exited. */
    void onExit(IntConsumer exited) {
        process.onExit().thenAccept(ended -> exited.accept(ended.exitValue()));
    }

    /** Sends SIGTERM; unlike {@link Process#destroy()} this keeps reading what the process prints while it stops. */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Sends SIGKILL. */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits until the deadline for the process to exit, then kills it. */
    ProcessExit awaitExit(Instant deadline, Instant shutdownEvent) {
        try {
            long budgetMs = Duration.between(Instant.now(), deadline).toMillis();
            boolean exited = process.waitFor(budgetMs, TimeUnit.MILLISECONDS);
            if (!exited) {
                LOG.infof("Killing %s, which outlived the shutdown budget", name);
                process.destroyForcibly().waitFor();
            }
            outputPump.join(OUTPUT_DRAIN.toMillis());
            Duration afterShutdownEvent = Duration.between(shutdownEvent, exitTime.join());
            return new ProcessExit(name, process.exitValue(), afterShutdownEvent, !exited);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name + " to exit", e);
        }
    }
}
