package dev.lrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import dev.lrap.e2e.functions.Journal;
import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.LambdaSimulator;
import dev.lrap.simulator.LaunchedProcess;
import dev.lrap.simulator.ProcessExit;

/**
 * One Lambda execution environment with lrap in it, put together from the real parts the way Lambda does it: the
 * simulator plays Lambda, the unpacked layer's {@code extensions/lrap} starts as an extension and registers, and only
 * then AWS's Java runtime interface client starts through the layer's wrapper
 * ({@code AWS_LAMBDA_EXEC_WRAPPER}) to run a test function from {@code dev.lrap.e2e.functions} (or another
 * {@link FunctionRuntime}). So the runtime talks
 * to lrap, and lrap to the simulator and to the DynamoDB Local that the whole test run shares.
 * <p>
 * Register it with {@code @RegisterExtension}: on a static field one environment serves all tests of the class (lrap's
 * JVM takes a second or two to start), on an instance field every test gets a fresh one. When a test fails, its
 * message carries what lrap and the runtime printed.
 */
final class LambdaEnvironment implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler, AutoCloseable {

    /** Lambda's init budget, within which lrap has to register. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    /** What Quarkus says, and lrap prints as it stops, when its listener's port is taken. */
    private static final String PORT_TAKEN = "Port already bound";
    /** Generous, so that a slow machine does not fail a test; a hanging test still ends. */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(60);
    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(LambdaEnvironment.class);

    private final FunctionRuntime function;
    private final boolean withLrap;
    private final int maxConcurrency;
    private final String region;
    private final Duration functionTimeout;
    private final int runtimeApiPort;
    private final URI dynamoDbEndpoint;
    private final Map<String, String> settings;

    private boolean perTest;
    private Path dir;
    private int lrapPort;
    private ContentTable contentTable;
    private LambdaSimulator simulator;
    private LaunchedProcess lrap;
    private LaunchedProcess runtime;
    private Thread killOnExit;

    private LambdaEnvironment(Builder builder) {
        this.function = builder.function;
        this.withLrap = builder.withLrap;
        this.maxConcurrency = builder.maxConcurrency;
        this.region = builder.region;
        this.functionTimeout = builder.functionTimeout;
        this.runtimeApiPort = builder.runtimeApiPort;
        this.dynamoDbEndpoint = builder.dynamoDbEndpoint;
        this.settings = Map.copyOf(builder.settings);
    }

    /** An environment whose runtime runs {@code function}, a handler class of {@code dev.lrap.e2e.functions}. */
    static Builder of(Class<?> function) {
        return of(FunctionRuntime.java(function));
    }

    static Builder of(FunctionRuntime function) {
        return new Builder(function);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // only an instance field's environment has not started by now
        if (simulator == null) {
            perTest = true;
            start(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * Starts the environment, again on another port when lrap lost the one picked for it: the port is free when
     * picked, but another process of a busy machine may take it before lrap binds it.
     */
    private void start(ExtensionContext context) {
        for (int attempt = 1;; attempt++) {
            try {
                startOnce(context);
                return;
            } catch (IllegalStateException failure) {
                if (attempt == START_ATTEMPTS || !failure.getMessage().contains(PORT_TAKEN)) {
                    throw failure;
                }
            }
        }
    }

    private void startOnce(ExtensionContext context) {
        // one DynamoDB Local and one unpacked layer for the whole run; JUnit closes them at its end
        contentTable = shared(context, ContentTable.class, ContentTable::start);
        Layer layer = shared(context, Layer.class, Layer::unpack);
        lrap = null;
        runtime = null;
        // a test run cut short (Ctrl-C, a fork timeout) must not leave lrap or the runtime behind either
        killOnExit = new Thread(this::killProcesses, "kill-environment-of-" + function.name());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            dir = Files.createTempDirectory("lambda-" + function.name() + "-");
            lrapPort = DynamoDbLocal.freePort();
            simulator = newSimulator().start();
            if (withLrap) {
                lrap = simulator.launchExtension(layer.extension(), Map.of());
                // Lambda's init order: the runtime starts once every extension has registered
                simulator.awaitExtensionRegistrations(1, INIT_TIMEOUT);
            }
            if (function.command() != null) {
                Map<String, String> wrapper = withLrap ? Map.of(LambdaSimulator.EXEC_WRAPPER, layer.wrapper().toString()) : Map.of();
                runtime = simulator.launchRuntime(function.command().apply(dir), wrapper);
            }
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("The environment of " + function.name()
                    + " did not start" + processOutput(), e);
            close();
            throw failure;
        }
    }

    private LambdaSimulator newSimulator() {
        LambdaSimulator.Builder builder = LambdaSimulator.builder()
                .functionName(function.name())
                .handler(function.handler())
                .taskRoot(function.taskRoot())
                .initTimeout(INIT_TIMEOUT)
                .functionTimeout(functionTimeout)
                .runtimeApiPort(runtimeApiPort)
                .maxConcurrency(maxConcurrency)
                .region(region);
        functionEnvironment().forEach(builder::environmentVariable);
        return builder.build();
    }

    /** The function's environment variables, which Lambda gives the runtime and the extensions alike. */
    private Map<String, String> functionEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LRAP_LISTENER_PORT", Integer.toString(lrapPort));
        environment.put("AGENT_CONTEXT_TABLE", ContentTable.NAME);
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", (dynamoDbEndpoint != null ? dynamoDbEndpoint : contentTable.endpoint()).toString());
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        // the launcher takes java from JAVA_HOME, as on Lambda's Java runtimes: this JVM, not whatever is on the PATH
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put(Journal.VARIABLE, journalFile().toString());
        environment.putAll(settings);
        return environment;
    }

    private static <T> T shared(ExtensionContext context, Class<T> type, Supplier<T> create) {
        return context.getRoot().getStore(SHARED).computeIfAbsent(type, key -> create.get(), type);
    }

    InvocationResult invoke(String event) {
        return invoke(Invocation.of(event));
    }

    InvocationResult invoke(Invocation invocation) {
        return simulator.invoke(invocation);
    }

    CompletableFuture<InvocationResult> invokeAsync(Invocation invocation) {
        return simulator.invokeAsync(invocation);
    }

    LambdaSimulator lambda() {
        return simulator;
    }

    LaunchedProcess lrap() {
        return lrap;
    }

    LaunchedProcess runtime() {
        return runtime;
    }

    /** Where lrap listens for the runtime, as {@code AWS_LAMBDA_RUNTIME_API} spells it. */
    String lrapAddress() {
        return "127.0.0.1:" + lrapPort;
    }

    ContentTable contentTable() {
        return contentTable;
    }

    /** What the function noted in its {@link Journal}, in order. */
    List<String> journal() {
        try {
            return Files.exists(journalFile()) ? Files.readAllLines(journalFile()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path journalFile() {
        return dir.resolve("journal");
    }

    /** Shuts the environment down as Lambda does, once; later calls return the same exits. */
    List<ProcessExit> shutdown() {
        return simulator.shutdown();
    }

    /** Shuts the environment down, if it has not been, and tells how lrap ended; its output is complete then. */
    ProcessExit lrapExit() {
        return exitOf("lrap");
    }

    /**
     * Waits for the runtime to exit by itself, as AWS's client does after an error it cannot recover from, then shuts
     * the environment down and tells how the runtime ended; its output is complete then.
     */
    ProcessExit runtimeExit() {
        try {
            ProcessHandle.of(runtime.pid()).ifPresent(process -> process.onExit().orTimeout(
                    FUNCTION_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join());
        } catch (CompletionException e) {
            throw new AssertionFailedError("The runtime did not exit by itself within " + FUNCTION_TIMEOUT, e);
        }
        return exitOf("runtime");
    }

    private ProcessExit exitOf(String process) {
        return shutdown().stream().filter(exit -> exit.name().equals(process)).findFirst().orElseThrow();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withProcessOutput(failure);
    }

    /** For tests that act in {@code @BeforeAll} and assert in the test methods. */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withProcessOutput(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withProcessOutput(failure);
    }

    private Throwable withProcessOutput(Throwable failure) {
        if (failure instanceof TestAbortedException || simulator == null) {
            return failure;
        }
        String message = failure.getMessage() + processOutput();
        AssertionFailedError diagnosable = failure instanceof AssertionFailedError assertion && assertion.isExpectedDefined()
                ? new AssertionFailedError(message, assertion.getExpected().getValue(), assertion.getActual().getValue(), failure)
                : new AssertionFailedError(message, failure);
        diagnosable.setStackTrace(failure.getStackTrace());
        return diagnosable;
    }

    private String processOutput() {
        String name = function.name();
        return "\n----- lrap in the environment of " + name + " -----\n" + (lrap == null ? "(not started)" : lrap.output())
                + "\n----- runtime running " + name + " -----\n" + (runtime == null ? "(not started)" : runtime.output());
    }

    /** Shuts the environment down, killing what outlives Lambda's budget, and removes its files. */
    @Override
    public void close() {
        try {
            if (simulator != null) {
                simulator.close();
            }
        } finally {
            simulator = null;
            deleteDir();
            forgetShutdownHook();
        }
    }

    private void killProcesses() {
        Stream.of(lrap, runtime).filter(Objects::nonNull)
                .forEach(process -> ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }

    private void forgetShutdownHook() {
        if (killOnExit != null) {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            killOnExit = null;
        }
    }

    private void deleteDir() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir = null;
    }

    static final class Builder {

        private final FunctionRuntime function;
        private boolean withLrap = true;
        private int maxConcurrency = 1;
        private String region = "us-east-1";
        private Duration functionTimeout = FUNCTION_TIMEOUT;
        private int runtimeApiPort;
        private URI dynamoDbEndpoint;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder(FunctionRuntime function) {
            this.function = function;
        }

        /** A function environment variable, such as one of lrap's settings; it overrides the environment's default. */
        Builder with(String variable, String value) {
            settings.put(variable, value);
            return this;
        }

        /** Offloading that never happens: no field is too large and no response over budget. */
        Builder passthrough() {
            return with("MAX_CONTENT_SIZE", "100000000").with("LRAP_MAX_PAYLOAD_SIZE", "100000000");
        }

        /** Like Lambda Managed Instances: the simulator and the runtime handle this many invocations at once. */
        Builder maxConcurrency(int invocations) {
            this.maxConcurrency = invocations;
            return with("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(invocations));
        }

        /** The environment's {@code AWS_REGION}, which Lambda always sets: empty stands for an environment outside Lambda. */
        Builder region(String awsRegion) {
            this.region = awsRegion;
            return this;
        }

        /** The function's timeout, which sets every invocation's deadline; a minute unless a test needs it short. */
        Builder functionTimeout(Duration timeout) {
            this.functionTimeout = timeout;
            return this;
        }

        /** The simulator's Runtime API on {@code port}, for a test that puts something before it; any free port else. */
        Builder runtimeApiPort(int port) {
            this.runtimeApiPort = port;
            return this;
        }

        /** lrap's DynamoDB at {@code endpoint} instead of the shared DynamoDB Local. */
        Builder dynamoDbAt(URI endpoint) {
            this.dynamoDbEndpoint = endpoint;
            return this;
        }

        /** The function alone, as without the layer: its runtime talks to the simulator itself. */
        Builder withoutLrap() {
            this.withLrap = false;
            return this;
        }

        LambdaEnvironment build() {
            return new LambdaEnvironment(this);
        }
    }
}
