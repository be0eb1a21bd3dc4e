package dev.lrap.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processes of the simulated function, started the way Lambda starts them: extensions with the function's
 * environment, the runtime with more of it and through {@code AWS_LAMBDA_EXEC_WRAPPER} when that is set.
 */
final class FunctionProcesses {

    private final SimulatorConfig config;
    private final List<LaunchedProcess> extensions = new ArrayList<>();
    private LaunchedProcess runtime;

    FunctionProcesses(SimulatorConfig config) {
        this.config = config;
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
        if (runtime != null) {
            throw new IllegalStateException("The runtime has been launched already");
        }
        Map<String, String> env = FunctionEnvironment.forRuntime(config, runtimeApi, extraEnv);
        List<String> wrappedCommand = new ArrayList<>();
        if (env.containsKey(LambdaSimulator.EXEC_WRAPPER)) {
            wrappedCommand.add(env.get(LambdaSimulator.EXEC_WRAPPER));
        }
        wrappedCommand.addAll(command);
        runtime = LaunchedProcess.start("runtime", wrappedCommand, env, config.taskRoot());
        return runtime;
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
