package dev.lrap.simulator;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * The environment variables Lambda gives the processes of a function. Extensions get fewer than the runtime:
 * Lambda keeps the handler and the log destination from them.
 */
final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    static Map<String, String> forExtension(SimulatorConfig config, String runtimeApi, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(config.environment());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", SimulatorConfig.FUNCTION_VERSION);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memorySizeMb()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        if (config.maxConcurrency() > 1) {
            env.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(config.maxConcurrency()));
        }
        env.putAll(extraEnv);
        return env;
    }

    static Map<String, String> forRuntime(SimulatorConfig config, String runtimeApi, Map<String, String> extraEnv) {
        Map<String, String> env = forExtension(config, runtimeApi, Map.of());
        env.put("_HANDLER", config.handler());
        env.put("LAMBDA_TASK_ROOT", config.taskRoot().toString());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
        env.putAll(extraEnv);
        return env;
    }

    private static String logStreamName() {
        String date = LocalDate.now().format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
        UUID id = UUID.randomUUID();
        HexFormat hex = HexFormat.of();
        return date + "/[" + SimulatorConfig.FUNCTION_VERSION + "]" + hex.toHexDigits(id.getMostSignificantBits())
                + hex.toHexDigits(id.getLeastSignificantBits());
    }
}
