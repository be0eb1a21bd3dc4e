package dev.lrap.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the simulated function is configured, and where the simulator listens.
 *
 * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}, also the last part of the function ARN
 * @param handler {@code _HANDLER}, also reported to extensions at registration
 * @param memorySizeMb {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}
 * @param region {@code AWS_REGION}, also part of the function ARN
 * @param taskRoot {@code LAMBDA_TASK_ROOT} and the runtime's working directory
 * @param environment the function's own environment variables, given to the runtime and the extensions
 * @param functionTimeout how long an invocation may take
 * @param initTimeout how long an invocation waits for the runtime and the extensions to become ready
 * @param maxConcurrency how many invocations may run at once, like {@code AWS_LAMBDA_MAX_CONCURRENCY}
 * @param runtimeApiPort the port of the Runtime and Extensions APIs, 0 for a free one
 * @param invokePort the port of the invoke endpoint, 0 for a free one
 */
record SimulatorConfig(String functionName, String handler, int memorySizeMb, String region, Path taskRoot,
        Map<String, String> environment, Duration functionTimeout, Duration initTimeout, int maxConcurrency,
        int runtimeApiPort, int invokePort) {

    static final String FUNCTION_VERSION = "$LATEST";

    SimulatorConfig {
        environment = Map.copyOf(environment);
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, not " + maxConcurrency);
        }
        if (functionTimeout.isNegative() || functionTimeout.isZero() || initTimeout.isNegative()
                || initTimeout.isZero()) {
            throw new IllegalArgumentException("Timeouts must be positive");
        }
    }

    /** The ARN every invocation reports, built the way AWS's runtime interface emulator builds it. */
    String functionArn() {
        return "arn:aws:lambda:" + region + ":012345678912:function:" + functionName;
    }
}
