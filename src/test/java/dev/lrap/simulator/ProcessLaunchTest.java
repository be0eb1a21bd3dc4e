package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lrap.simulator.InvocationResult.Outcome;
import io.restassured.response.Response;

/**
 * Extensions and the runtime as real processes, started in Lambda's order and shut down the way Lambda does.
 * The scripts use bash and curl, like minimal hand-written extensions and custom runtimes.
 */
class ProcessLaunchTest {

    /** Registers for SHUTDOWN under its file name, then polls until SHUTDOWN arrives. */
    private static final String EXTENSION = """
            #!/bin/bash
            set -euo pipefail
            api="http://$AWS_LAMBDA_RUNTIME_API/2020-01-01/extension"
            id=$(curl -sS --noproxy '*' -D - -o /dev/null -H "Lambda-Extension-Name: $(basename "$0")" \\
                -d '{"events":["SHUTDOWN"]}' "$api/register" \\
                | tr -d '\\r' | awk -F': ' 'tolower($1) == "lambda-extension-identifier" { print $2 }')
            echo "registered for $AWS_LAMBDA_FUNCTION_NAME, handler '${_HANDLER:-}'"
            while true; do
                event=$(curl -sS --noproxy '*' -H "Lambda-Extension-Identifier: $id" "$api/event/next")
                echo "event $event"
                case "$event" in *'"SHUTDOWN"'*) exit 0 ;; esac
            done
            """;

    /** Answers every event with the event and the wrapper's mark; exits 0 on SIGTERM. */
    private static final String RUNTIME = """
            #!/bin/bash
            set -euo pipefail
            api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
            work=$(mktemp -d -p "$LAMBDA_TASK_ROOT")
            poll=""
            trap 'if [ -n "$poll" ]; then kill "$poll"; fi; echo "runtime got SIGTERM"; exit 0' TERM
            echo "runtime for $_HANDLER in $LAMBDA_TASK_ROOT, logging to $AWS_LAMBDA_LOG_GROUP_NAME"
            while true; do
                # polling in the background lets the SIGTERM trap run at once
                curl -sS --noproxy '*' -D "$work/headers" -o "$work/event" "$api/invocation/next" & poll=$!
                wait "$poll"
                poll=""
                id=$(tr -d '\\r' < "$work/headers" | awk -F': ' 'tolower($1) == "lambda-runtime-aws-request-id" { print $2 }')
                answer="{\\"event\\":$(cat "$work/event"),\\"wrappedBy\\":\\"${WRAPPED_BY:-nobody}\\"}"
                curl -sS --noproxy '*' -o /dev/null -H 'Content-Type: application/json' -d "$answer" \\
                    "$api/invocation/$id/response"
            done
            """;

    private static final String WRAPPER = """
            #!/bin/bash
            export WRAPPED_BY="the-wrapper"
            exec "$@"
            """;

    @TempDir
    Path dir;

    @Test
    void bootsExtensionThenRuntimeThroughTheWrapperAndShutsThemDown() throws IOException {
        Path extension = script("shutdown-watcher", EXTENSION);
        Path runtime = script("bootstrap", RUNTIME);
        Path wrapper = script("wrapper", WRAPPER);

        try (LambdaSimulator simulator = LambdaSimulator.builder().functionName("scripted").handler("index.handler")
                .taskRoot(dir).functionTimeout(Duration.ofSeconds(10)).build().start()) {
            LaunchedProcess runtimeProcess = simulator.boot(List.of(extension), List.of(runtime.toString()),
                    Map.of(LambdaSimulator.EXEC_WRAPPER, wrapper.toString()));

            assertEquals("shutdown-watcher", simulator.registeredExtensions().get(0).name());
            InvocationResult result = simulator.invoke(Invocation.of("{\"n\":1}"));
            assertEquals("{\"event\":{\"n\":1},\"wrappedBy\":\"the-wrapper\"}", result.bodyAsString());
            String expectedStart = "runtime for index.handler in " + dir + ", logging to /aws/lambda/scripted";
            assertTrue(runtimeProcess.output().contains(expectedStart), runtimeProcess.output());

            List<ProcessExit> exits = simulator.shutdown();

            ProcessExit runtimeExit = exits.get(0);
            assertEquals("runtime", runtimeExit.name());
            assertEquals(0, runtimeExit.exitCode());
            assertFalse(runtimeExit.killed());
            assertTrue(runtimeProcess.output().contains("runtime got SIGTERM"), runtimeProcess.output());
            ProcessExit extensionExit = exits.get(1);
            assertEquals("shutdown-watcher", extensionExit.name());
            assertEquals(0, extensionExit.exitCode());
            assertFalse(extensionExit.killed());
            assertTrue(extensionExit.afterShutdownEvent().compareTo(Duration.ofSeconds(2)) < 0, extensionExit.toString());
        }
    }

    /** Like a dev-mode {@code LRAP_DEV_FUNCTION} that names no program: Lambda fails init at once, not at its timeout. */
    @Test
    void aRuntimeThatExitsDuringInitFailsInvocationsWithLambdasExitError() {
        try (LambdaSimulator simulator = LambdaSimulator.builder().build().start()) {
            simulator.launchRuntime(List.of("/bin/sh", "-c", "exec no-such-function"), Map.of());

            InvocationResult result = simulator.invoke(Invocation.of("{}"));

            assertEquals(Outcome.RUNTIME_EXITED, result.outcome());
            assertEquals("{\"errorMessage\":\"Runtime exited with error: exit status 127\",\"errorType\":\"Runtime.ExitError\"}",
                    result.bodyAsString());
        }
    }

    @Test
    void aRuntimeThatExitsMidInvocationFailsItAndTheNextInvocationStartsItAgain() throws Exception {
        try (LambdaSimulator simulator = faultyRuntime(Duration.ofSeconds(300))) {
            InvocationResult crashed = simulator.invoke(Invocation.of("crash"));
            InvocationResult next = simulator.invoke(Invocation.of("next"));

            assertEquals(Outcome.RUNTIME_EXITED, crashed.outcome());
            assertEquals("{\"errorMessage\":\"Runtime exited with error: exit status 3\",\"errorType\":\"Runtime.ExitError\"}",
                    crashed.bodyAsString());
            assertEquals("answered next", next.bodyAsString());
        }
    }

    /**
     * A handler that never returns: Lambda resets the environment after the timeout, and the next invocation gets a
     * runtime of its own, rather than waiting for ever behind the stuck one.
     */
    @Test
    void aRuntimeStuckPastItsTimeoutIsReplacedForTheNextInvocation() throws Exception {
        try (LambdaSimulator simulator = faultyRuntime(Duration.ofSeconds(1))) {
            assertEquals(Outcome.TIMED_OUT, simulator.invoke(Invocation.of("hang")).outcome());
            InvocationResult next = simulator.invokeAsync(Invocation.of("next")).get(30, TimeUnit.SECONDS);

            assertEquals("answered next", next.bodyAsString());
        }
    }

    /**
     * A proxy such as lrap holds the poll a departed runtime left open for the runtime started after it, which polls
     * the proxy and not Lambda: that poll makes the new runtime ready, so the next invocation goes to it. Taking the
     * new runtime for one still initialising, the simulator kept the invocation back until init timed out.
     */
    @Test
    void aPollStillOpenWhenTheRuntimeExitsServesTheNextInvocation() throws InterruptedException {
        try (LambdaSimulator simulator = LambdaSimulator.builder().taskRoot(dir).initTimeout(Duration.ofSeconds(2))
                .build().start()) {
            // the runtime's process, whose calls go through the proxy the test plays
            LaunchedProcess departing = simulator.launchRuntime(List.of("sleep", "600"), Map.of());
            ApiCalls proxy = new ApiCalls(simulator);
            CompletableFuture<InvocationResult> underWay = simulator.invokeAsync(Invocation.of("under way"));
            proxy.next();
            CompletableFuture<Response> held = proxy.nextAsync();
            while (!simulator.awaitingInvocation()) {
                Thread.sleep(10);
            }

            departing.kill();
            assertEquals(Outcome.RUNTIME_EXITED, underWay.join().outcome());
            CompletableFuture<InvocationResult> next = simulator.invokeAsync(Invocation.of("next"));
            CompletableFuture.anyOf(held, next).join();

            assertTrue(held.isDone(), () -> "the open poll got nothing; the invocation: " + next.join().bodyAsString());
            assertEquals("next", held.join().asString());
            proxy.respond(ApiCalls.requestId(held.join()), "answered");
            assertEquals("answered", next.join().bodyAsString());
        }
    }

    /** A simulator whose runtime answers every event, but exits on {@code crash} and never returns from {@code hang}. */
    private LambdaSimulator faultyRuntime(Duration functionTimeout) throws IOException {
        Path runtime = script("faulty", """
                #!/bin/bash
                api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
                while true; do
                    event=$(curl -sS --noproxy '*' -D headers "$api/invocation/next")
                    case "$event" in
                        crash) exit 3 ;;
                        hang) exec sleep 600 ;;
                    esac
                    id=$(tr -d '\\r' < headers | awk -F': ' 'tolower($1) == "lambda-runtime-aws-request-id" { print $2 }')
                    curl -sS --noproxy '*' -o /dev/null -d "answered $event" "$api/invocation/$id/response"
                done
                """);
        LambdaSimulator simulator = LambdaSimulator.builder().taskRoot(dir).functionTimeout(functionTimeout).build().start();
        simulator.launchRuntime(List.of(runtime.toString()), Map.of());
        return simulator;
    }

    @Test
    void extensionsDoNotGetTheRuntimesVariables() throws IOException {
        Path extension = script("env-check", EXTENSION);

        try (LambdaSimulator simulator = LambdaSimulator.builder().functionName("env-fn").build().start()) {
            LaunchedProcess process = simulator.launchExtension(extension, Map.of());
            simulator.awaitExtensionRegistrations(1, Duration.ofSeconds(5));
            simulator.shutdown();

            assertTrue(process.output().contains("registered for env-fn, handler ''"), process.output());
            assertTrue(process.output().contains("event {\"eventType\":\"SHUTDOWN\""), process.output());
        }
    }

    private Path script(String name, String content) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, content);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
