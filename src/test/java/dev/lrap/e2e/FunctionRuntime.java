package dev.lrap.e2e;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import dev.lrap.simulator.JavaRuntimeClient;

/**
 * A function and the runtime that runs it in a {@link LambdaEnvironment}.
 *
 * @param name the function's name
 * @param handler the function's {@code _HANDLER}
 * @param taskRoot where the function's code is, like /var/task on Lambda
 * @param command the runtime's command, given a directory of its own; null when the test plays the runtime itself
 */
record FunctionRuntime(String name, String handler, Path taskRoot, Function<Path, List<String>> command) {

    /**
     * A handler class of {@code dev.lrap.e2e.functions}, run by AWS's Java runtime interface client. The task root is
     * the test classes, the same for every environment, so that runtimes running the same function report the same
     * working directory (in X-Ray error causes).
     */
    static FunctionRuntime java(Class<?> function) {
        String handler = function.getName() + "::handleRequest";
        try {
            Path taskRoot = Path.of(function.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new FunctionRuntime(function.getSimpleName(), handler, taskRoot,
                    dir -> JavaRuntimeClient.command(handler, dir));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No runtime process: the test itself polls lrap for events and answers them, as a runtime would. */
    static FunctionRuntime playedByTest(String name) {
        return new FunctionRuntime(name, "test", Path.of("").toAbsolutePath(), null);
    }
}
