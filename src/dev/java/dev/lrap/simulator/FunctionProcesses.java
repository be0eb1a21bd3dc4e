package dev.lrap.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The processes of the simulated function, started the way Lambda starts them: extensions with the function's
 * environment, the runtime with more of it and through {@code AWS_LAMBDA_EXEC_WRAPPER} when that is set.
 */
final class FunctionProcesses {

    private final SimulatorConfig config;
    private final IntConsumer runtimeExited;
    private final List<LaunchedProcess> extensions = new ArrayList<>();
    /** Starts the runtime as it was launched first, again after each reset. */
    private Supplier<LaunchedProcess> runtimeStart;
    private LaunchedProcess runtime;

    /** @param runtimeExited told the exit status when the runtime exits, unless a reset killed it */
    FunctionProcesses(SimulatorConfig config, IntConsumer runtimeExited) {
        this.config = config;
        this.runtimeExited = runtimeExited;
    }

    /** The extension is named after its file, as Lambda names the files in {@code /opt/extensions}. */
    synchronized LaunchedProcess launchExtension(String runtimeApi, Path executable, Map<String, String> extraEnv) {
        LaunchedProcess extension = LaunchedProcess.start(executable.getFileName().toString(),
                List.of(executable.toString()), FunctionEnvironment.forExtension(config, runtimeApi, extraEnv),
                config.taskRoot());
        extensions.add(extension);
        return extension;
    }

    synchronized LaunchedProcess launchRuntime(String runtimeApi, List<String> command, Map<String, String> extraEnv) {
        if (runtimeStart != null) {
            throw new IllegalStateException("The runtime has been launched already");
        }
        Map<String, String> env = FunctionEnvironment.forRuntime(config, runtimeApi, extraEnv);
        List<String> wrappedCommand = new ArrayList<>();
        if (env.containsKey(LambdaSimulator.EXEC_WRAPPER)) {
            wrappedCommand.add(env.get(LambdaSimulator.EXEC_WRAPPER));
        }
        wrappedCommand.addAll(command);
        runtimeStart = () -> LaunchedProcess.start("runtime", wrappedCommand, env, config.taskRoot());
        return startRuntime();
    }

    private LaunchedProcess startRuntime() {
        LaunchedProcess started = runtimeStart.get();
        runtime = started;
        started.onExit(exitStatus -> exited(started, exitStatus));
        return started;
    }

    private synchronized void exited(LaunchedProcess process, int exitStatus) {
        if (process == runtime) {
            runtimeExited.accept(exitStatus);
        }
    }

    /**
     * Lambda's reset of the environment after a timeout: the runtime is killed, and its exit goes unreported.
     *
     * @return false when no runtime was launched
     */
    synchronized boolean killRuntime() {
        if (runtime == null) {
            return false;
        }
        runtime.kill();
        runtime = null;
        return true;
    }

    /** Starts the runtime again after a reset or an exit, as Lambda inits a new environment for the next invocation. */
    synchronized void relaunchRuntime() {
        if (runtimeStart != null && (runtime == null || !runtime.isAlive())) {
            startRuntime();
        }
    }

    /** Lambda's shutdown starts with SIGTERM to the runtime, before the extensions hear about it. */
    synchronized void terminateRuntime() {
        if (runtime != null) {
            runtime.terminate();
        }
    }

    /** Waits for every process until the deadline, killing what is still running then. */
    synchronized List<ProcessExit> awaitExits(Instant deadline, Instant shutdownEvent) {
        List<LaunchedProcess> all = new ArrayList<>(extensions);
        if (runtime != null) {
            all.add(0, runtime);
        }
        return all.stream().map(process -> process.awaitExit(deadline, shutdownEvent)).toList();
    }
}
