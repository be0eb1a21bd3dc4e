package dev.lrap.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * A local stand-in for the Lambda service around one execution environment: the Runtime API and Extensions API
 * that the runtime and the extensions (lrap among them) talk to, the invoke endpoint of AWS's runtime interface
 * emulator, and the processes of the function. Tests use it to run real runtime clients and lrap end to end,
 * without AWS and without Docker.
 *
 * <pre>{@code
 * try (LambdaSimulator sim = LambdaSimulator.builder().functionTimeout(Duration.ofSeconds(5)).build().start()) {
 *     sim.boot(List.of(lrapExecutable), runtimeCommand, Map.of(LambdaSimulator.EXEC_WRAPPER, wrapperScript));
 *     InvocationResult result = sim.invoke(Invocation.of("{}"));
 * }
 * }</pre>
 *
 * All simulated state is confined to the single event loop of the simulator's own {@link Vertx}; the methods
 * here hand work to it, so they may be called from any thread.
 */
public final class LambdaSimulator implements AutoCloseable {

    /** The function variable that makes Lambda start the runtime through a wrapper script, as lrap's is. */
    public static final String EXEC_WRAPPER = "AWS_LAMBDA_EXEC_WRAPPER";

    private static final Logger LOG = Logger.getLogger(LambdaSimulator.class);

    private static final String HOST = "127.0.0.1";
    /** Runtimes send X-Ray error causes of up to 1 MiB in one header; leave room for more. */
    private static final int MAX_HEADER_BYTES = 4 * 1024 * 1024;
    /** Lambda's shutdown budget for a function with external extensions. */
    private static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(2);

    private final SimulatorConfig config;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Executor onContext;
    private final ExtensionLog extensionLog = new ExtensionLog();
    private final Sandbox sandbox;
    private final FunctionProcesses processes;
    private final HttpServer runtimeApiServer;
    private final HttpServer invokeServer;
    private List<ProcessExit> processExits;
    private volatile boolean shuttingDown;

    private LambdaSimulator(SimulatorConfig config, List<InvokeEndpoint.Resource> resources) {
        this.config = config;
        Context context = vertx.getOrCreateContext();
        this.onContext = task -> context.runOnContext(ignored -> task.run());
        this.processes = new FunctionProcesses(config, this::runtimeExited);
        this.sandbox = new Sandbox(config, vertx, new Extensions(extensionLog), processes);
        this.runtimeApiServer = vertx.createHttpServer(serverOptions(config.runtimeApiPort()))
                .requestHandler(new RuntimeApiRouter(sandbox, config));
        this.invokeServer = vertx.createHttpServer(serverOptions(config.invokePort()))
                .requestHandler(new InvokeEndpoint(sandbox, vertx, resources));
    }

    private static HttpServerOptions serverOptions(int port) {
        // Lambda speaks HTTP/1.1 only; an h2c upgrade would also lower-case the header names tests look at
        return new HttpServerOptions().setHost(HOST).setPort(port)
                .setMaxHeaderSize(MAX_HEADER_BYTES).setHttp2ClearTextEnabled(false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; the simulated environment then waits for extensions and the runtime to show up. */
    public LambdaSimulator start() {
        onContext(() -> Future.all(runtimeApiServer.listen(), invokeServer.listen()))
                .thenCompose(Future::toCompletionStage)
                .join();
        LOG.infof("Lambda simulator for %s: Runtime API on %s, invoke endpoint %s", config.functionName(),
                runtimeApi(), invokeUri());
        return this;
    }

    private <T> CompletableFuture<T> onContext(Supplier<T> action) {
        return CompletableFuture.supplyAsync(action, onContext);
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:<port>}, without a scheme. */
    public String runtimeApi() {
        return HOST + ":" + runtimeApiServer.actualPort();
    }

    public URI invokeUri() {
        return URI.create("http://" + HOST + ":" + invokeServer.actualPort() + SimulatorApi.EMULATOR_INVOKE);
    }

    /** Lambda's streaming invoke: a streamed response reaches the caller as the runtime sends it. */
    public URI streamingInvokeUri() {
        return URI.create("http://" + HOST + ":" + invokeServer.actualPort() + SimulatorApi.STREAMING_INVOKE);
    }

    /** Invokes the function and waits for its result, which comes at the latest after init and function timeout. */
    public InvocationResult invoke(Invocation invocation) {
        return invokeAsync(invocation).join();
    }

    public CompletableFuture<InvocationResult> invokeAsync(Invocation invocation) {
        return onContext(() -> sandbox.enqueue(invocation)).thenCompose(Function.identity());
    }

    /**
     * The result of the invocation the runtime is working on under {@code requestId}, however it was invoked: for
     * tests that play the runtime and call the function over HTTP.
     */
    public CompletableFuture<InvocationResult> resultOf(String requestId) {
        return onContext(() -> sandbox.resultOf(requestId)).thenCompose(Function.identity());
    }

    /**
     * Whether the function is ready for an invocation: its init is complete and its runtime waits on {@code /next}.
     * For a caller that times invocations and not the environment's start.
     */
    public boolean awaitingInvocation() {
        return onContext(sandbox::awaitingInvocation).join();
    }

    public List<RegisteredExtension> registeredExtensions() {
        return extensionLog.registrations();
    }

    public List<ExtensionError> extensionErrors() {
        return extensionLog.errors();
    }

    /**
     * Waits until {@code count} extensions have registered in all.
     *
     * @throws IllegalStateException when fewer have registered within the timeout
     */
    public List<RegisteredExtension> awaitExtensionRegistrations(int count, Duration timeout) {
        return extensionLog.awaitRegistrations(count, timeout);
    }

    /** Starts an extension process with the function's environment plus {@code extraEnv}. */
    public LaunchedProcess launchExtension(Path executable, Map<String, String> extraEnv) {
        return processes.launchExtension(runtimeApi(), executable, extraEnv);
    }

    /**
     * Starts the runtime process with the function's environment plus {@code extraEnv}; when that has
     * {@link #EXEC_WRAPPER}, runs the wrapper with the command as its arguments, like Lambda.
     */
    public LaunchedProcess launchRuntime(List<String> command, Map<String, String> extraEnv) {
        return processes.launchRuntime(runtimeApi(), command, extraEnv);
    }

    private void runtimeExited(int exitStatus) {
        // an exit that Lambda's shutdown asked for fails nothing
        if (!shuttingDown) {
            onContext.execute(() -> sandbox.runtimeExited(exitStatus));
        }
    }

    /**
     * Lambda's init order: launches the extensions, waits (up to the init timeout) until they have all
     * registered, then launches the runtime.
     */
    public LaunchedProcess boot(List<Path> extensions, List<String> runtimeCommand, Map<String, String> extraEnv) {
        int expected = registeredExtensions().size() + extensions.size();
        extensions.forEach(extension -> launchExtension(extension, extraEnv));
        awaitExtensionRegistrations(expected, config.initTimeout());
        return launchRuntime(runtimeCommand, extraEnv);
    }

    /**
     * Lambda's shutdown: SIGTERM to the runtime, SHUTDOWN to the subscribed extensions, up to two seconds for
     * every process to exit, then SIGKILL. Unfinished invocations end with {@code Sandbox.Shutdown}. Calling it
     * again returns the first call's result.
     */
    public synchronized List<ProcessExit> shutdown() {
        if (processExits == null) {
            shuttingDown = true;
            processes.terminateRuntime();
            Instant deadline = Instant.now().plus(SHUTDOWN_BUDGET);
            Instant shutdownEvent = onContext(() -> {
                sandbox.shutdown(deadline.toEpochMilli());
                return Instant.now();
            }).join();
            processExits = processes.awaitExits(deadline, shutdownEvent);
            LOG.infof("Lambda simulator for %s shut down: %s", config.functionName(), processExits);
        }
        return processExits;
    }

    @Override
    public void close() {
        try {
            shutdown();
        } finally {
            // closing the listeners before Vert.x narrows a Vert.x 4 race (eclipse-vertx/vert.x#6087) that logs a
            // harmless warning when a client reconnects during close, as the JDK's HttpClient does for a cut GET
            Future.all(runtimeApiServer.close(), invokeServer.close())
                    .eventually(() -> vertx.close())
                    .toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Configures a simulator; the defaults are those of AWS's runtime interface emulator where it has one. */
    public static final class Builder {

        private String functionName = "test_function";
        private String handler = "function.handler";
        private int memorySizeMb = 128;
        private String region = "us-east-1";
        private Path taskRoot = Path.of("").toAbsolutePath();
        private final Map<String, String> environment = new HashMap<>();
        private Duration functionTimeout = Duration.ofSeconds(300);
        private Duration initTimeout = Duration.ofSeconds(10);
        private int maxConcurrency = 1;
        private int runtimeApiPort;
        private int invokePort;
        private final List<InvokeEndpoint.Resource> resources = new ArrayList<>();

        private Builder() {
        }

        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        public Builder memorySizeMb(int memorySizeMb) {
            this.memorySizeMb = memorySizeMb;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder taskRoot(Path taskRoot) {
            this.taskRoot = taskRoot.toAbsolutePath();
            return this;
        }

        /** A function environment variable: the runtime and every extension get it. */
        public Builder environmentVariable(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder functionTimeout(Duration functionTimeout) {
            this.functionTimeout = functionTimeout;
            return this;
        }

        /** How long an invocation waits for the runtime and the extensions to be ready; Lambda's is 10 s. */
        public Builder initTimeout(Duration initTimeout) {
            this.initTimeout = initTimeout;
            return this;
        }

        /** Like {@code AWS_LAMBDA_MAX_CONCURRENCY} on Lambda Managed Instances; 1 is standard Lambda. */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** 0, the default, picks a free port. */
        public Builder runtimeApiPort(int runtimeApiPort) {
            this.runtimeApiPort = runtimeApiPort;
            return this;
        }

        /** 0, the default, picks a free port. */
        public Builder invokePort(int invokePort) {
            this.invokePort = invokePort;
            return this;
        }

        /**
         * Also serves {@code GET <pathPrefix><name>} on the invoke endpoint's listener: 200 with the JSON
         * {@code lookup} finds for the name, 404 when it finds none, 500 when it fails. The lookup runs on a worker
         * thread, so it may block.
         */
        public Builder resource(String pathPrefix, Function<String, Optional<String>> lookup) {
            resources.add(new InvokeEndpoint.Resource(pathPrefix, lookup));
            return this;
        }

        public LambdaSimulator build() {
            return new LambdaSimulator(new SimulatorConfig(functionName, handler, memorySizeMb, region, taskRoot,
                    environment, functionTimeout, initTimeout, maxConcurrency, runtimeApiPort, invokePort), resources);
        }
    }
}
