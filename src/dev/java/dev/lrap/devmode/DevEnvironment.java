package dev.lrap.devmode;

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
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.offload.StoredItems;
import dev.lrap.simulator.JavaRuntimeClient;
import dev.lrap.simulator.LambdaSimulator;

/**
 * The Lambda platform lrap meets in dev mode, on one machine and without AWS: the simulator's Runtime and Extensions
 * API and its invoke endpoint, DynamoDB Local with the content table, and a function, which starts through lrap's
 * {@code wrapper.sh} once lrap has registered as an extension, the way Lambda starts a runtime after its extensions.
 * Whatever lrap's configuration already points elsewhere (another Runtime API such as AWS's runtime interface emulator,
 * another DynamoDB) is left out.
 * <p>
 * {@link DevLauncher} runs it next to {@code quarkus:dev}; tests start it in their own JVM.
 */
public final class DevEnvironment implements AutoCloseable {

    /** Where the invoke listener serves stored values: {@code GET /lrap/items/<record id>}. */
    public static final String ITEMS = "/lrap/items/";

    private static final Logger LOG = Logger.getLogger(DevEnvironment.class);

    /** lrap may take as long to register as the developer takes to make it start, fixing a compile error on the way. */
    private static final Duration LRAP_START = Duration.ofDays(1);

    /**
     * How long an invocation waits for lrap and the function to be up. Lambda allows 10 s; in dev mode a first call can
     * come while Quarkus still builds lrap.
     */
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);

    private final DevPlan plan;
    private Optional<LambdaSimulator> simulator = Optional.empty();
    private Optional<DynamoDbLocal> dynamoDbLocal = Optional.empty();
    private volatile StoredItems items;
    private Path libraryDir;
    private Thread functionStart;

    private DevEnvironment(DevPlan plan) {
        this.plan = plan;
    }

    /** Starts what the plan calls for; the function follows in the background, once lrap has registered. */
    public static DevEnvironment start(DevPlan plan) {
        DevEnvironment environment = new DevEnvironment(plan);
        try {
            environment.startParts();
        } catch (RuntimeException failure) {
            environment.close();
            throw failure;
        }
        return environment;
    }

    private void startParts() {
        if (plan.simulate()) {
            LambdaSimulator lambda = LambdaSimulator.builder()
                    .functionName("lrap-dev")
                    .taskRoot(plan.projectDir())
                    .environmentVariable(LambdaSimulator.EXEC_WRAPPER, plan.projectDir().resolve("wrapper.sh").toString())
                    .environmentVariable("LRAP_LISTENER_PORT", Integer.toString(plan.lrapPort()))
                    .runtimeApiPort(plan.runtimeApiPort())
                    .invokePort(plan.invokePort())
                    .initTimeout(INIT_TIMEOUT)
                    .resource(ITEMS, this::findItem)
                    .build();
            simulator = Optional.of(lambda);
            listen(lambda);
        }
        URI dynamoDb = plan.dynamoDb().orElseGet(() -> {
            dynamoDbLocal = Optional.of(DynamoDbLocal.start(plan.table()));
            LOG.infof("DynamoDB Local at %s, in memory, with table %s", dynamoDbLocal.get().endpoint(), plan.table());
            return dynamoDbLocal.get().endpoint();
        });
        items = new StoredItems(DynamoDbLocal.client(dynamoDb), plan.table());
        simulator.ifPresent(this::startFunctionOnceLrapRegistered);
    }

    private void listen(LambdaSimulator lambda) {
        try {
            lambda.start();
        } catch (CompletionException e) {
            throw new IllegalStateException("The Lambda simulator cannot listen on 127.0.0.1:%d and 127.0.0.1:%d: %s; choose other ports with LRAP_DEV_RUNTIME_API_PORT and LRAP_DEV_INVOKE_PORT"
                    .formatted(plan.runtimeApiPort(), plan.invokePort(), e.getCause().getMessage()), e.getCause());
        }
    }

    private void startFunctionOnceLrapRegistered(LambdaSimulator lambda) {
        List<String> command = plan.function()
                .map(shell -> List.of("/bin/sh", "-c", "exec " + shell))
                .orElseGet(this::sampleToolCommand);
        LOG.infof("Invoke the function with POST %s, see what lrap stored at %s<record id>", lambda.invokeUri(),
                lambda.invokeUri().resolve(ITEMS));
        functionStart = new Thread(() -> {
            try {
                lambda.awaitExtensionRegistrations(1, LRAP_START);
                lambda.launchRuntime(command, Map.of());
            } catch (IllegalStateException stopped) {
                LOG.debugf("The function was not started: %s", stopped.getMessage());
            }
        }, "lrap-dev-function-start");
        functionStart.setDaemon(true);
        functionStart.start();
    }

    private List<String> sampleToolCommand() {
        try {
            libraryDir = Files.createTempDirectory("lrap-dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JavaRuntimeClient.command(SampleTool.HANDLER, libraryDir);
    }

    /** Nothing can have been stored before DynamoDB is there. */
    private Optional<String> findItem(String id) {
        StoredItems started = items;
        return started == null ? Optional.empty() : started.find(id);
    }

    /** The settings lrap needs to use this environment, as configuration properties. */
    public Map<String, String> lrapSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        simulator.ifPresent(lambda -> settings.put("lrap.runtime-api-endpoint", lambda.runtimeApi()));
        dynamoDbLocal.ifPresent(local -> settings.put("quarkus.dynamodb.endpoint-override", local.endpoint().toString()));
        return settings;
    }

    /** The simulator's invoke endpoint, unless lrap uses a Runtime API of its own. */
    public Optional<URI> invokeUri() {
        return simulator.map(LambdaSimulator::invokeUri);
    }

    /** Shuts the function down the way Lambda does, then DynamoDB Local. */
    @Override
    public void close() {
        if (functionStart != null) {
            functionStart.interrupt();
        }
        simulator.ifPresent(LambdaSimulator::close);
        dynamoDbLocal.ifPresent(DynamoDbLocal::close);
        if (libraryDir != null) {
            try (Stream<Path> files = Files.walk(libraryDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                LOG.debugf("Could not delete %s: %s", libraryDir, e);
            }
        }
    }

    /** Runs the environment lrap's dev-profile configuration calls for, until SIGTERM or the end of dev mode. */
    public static void main(String[] args) throws IOException {
        logLikeLrap();
        DevEnvironment environment;
        try {
            environment = start(DevPlan.from(System.getenv(), Path.of("").toAbsolutePath()));
        } catch (IllegalStateException cannotStart) {
            // a port in use, DynamoDB Local that cannot start: the developer needs the reason, not a stack trace
            LOG.errorf("The Lambda dev environment did not start: %s", reasons(cannotStart));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(environment::close, "lrap-dev-environment-stop"));
        // dev mode stops this JVM; should it end without doing so, this JVM ends with it
        ProcessHandle.current().parent().ifPresent(devMode -> devMode.onExit().thenRun(() -> System.exit(0)));
        System.out.println(DevLauncher.readyLine(environment.lrapSettings()));
    }

    /** The failure's message, followed by those of its causes that it does not repeat. */
    private static String reasons(Throwable failure) {
        StringBuilder reasons = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && reasons.indexOf(cause.getMessage()) < 0) {
                reasons.append(": ").append(cause.getMessage());
            }
        }
        return reasons.toString();
    }

    /** Lines formatted like lrap's own and tagged lrap-dev, so the two read as one log; DynamoDB Local's chatter left out. */
    private static void logLikeLrap() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new ConsoleHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [lrap-dev] %s%e%n")));
        root.setLevel(Level.INFO);
        java.util.logging.Logger.getLogger("com.amazonaws.services.dynamodbv2").setLevel(Level.WARNING);
        java.util.logging.Logger.getLogger("org.eclipse.jetty").setLevel(Level.WARNING);
    }
}
