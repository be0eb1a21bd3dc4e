package dev.lrap.bench;

import static dev.lrap.bench.Report.size;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import io.vertx.core.http.HttpServerRequest;

/**
 * The extension as Lambda runs it, from its layer: how long from the launch of its process until its listener takes
 * connections, until it has registered and until the environment's first response (against an environment without
 * it), its memory once started and along 5,000 invocations, the layer's size,
 * and the DynamoDB requests of an offloading response and of a resolving event. DynamoDB Local stands in for the
 * table, behind a plain forwarder that notes every request reaching it.
 */
final class ExtensionBenchmark {

    private static final int INVOCATIONS = 1_000;
    /** Growth of the resident set below this is page-level noise, not a leak. */
    private static final long RSS_NOISE = 2 << 20;
    private static final int FIELDS = 5;
    private static final int FIELD_BYTES = 20 << 10;
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final BenchSettings settings;
    private final Layer layer;
    private final Report report;
    private static final Invocation SMALL = Invocation.of(Payloads.conversation(1 << 10));

    /** What the launches measured, each list one value per launch. */
    private record Startup(Samples listening, Samples registered, List<Long> rss, Samples firstResponseWithout,
            Samples firstResponseWith) {
    }

    /** The operations of the requests that reached DynamoDB Local, as {@code BatchWriteItem}. */
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();

    private ExtensionBenchmark(BenchSettings settings, Layer layer, Report report) {
        this.settings = settings;
        this.layer = layer;
        this.report = report;
    }

    static void run(BenchSettings settings, Layer layer, Report report) {
        new ExtensionBenchmark(settings, layer, report).measure();
    }

    private void measure() {
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start();
                PlainForwarder counter = PlainForwarder.start(dynamoDb.endpoint().getAuthority(), this::count)) {
            // DynamoDB Local keeps a database per access key and region: the one its helper created the table in
            Map<String, String> environment = settings.lrapEnvironment(Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://" + counter.address(),
                    "AGENT_CONTEXT_TABLE", DynamoDbLocal.TABLE,
                    "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test"));
            List<String> runtime = FunctionRuntime.JDK_LOOP.command(settings.workDir());
            Startup startup = new Startup(new Samples(), new Samples(), new ArrayList<>(), new Samples(), new Samples());
            int launches = settings.count(5, 2);
            for (int launch = 1; launch <= launches; launch++) {
                startup.firstResponseWithout().time(() -> {
                    try (BenchFunction direct = BenchFunction.direct(runtime)) {
                        return direct.echo(SMALL);
                    }
                });
                LrapLaunch lrap = LrapLaunch.start(layer, environment);
                LrapLaunch.StartupTimes times = lrap.awaitReady();
                startup.listening().add(times.listening().toNanos());
                startup.registered().add(times.registered().toNanos());
                startup.rss().add(ProcessMemory.of(lrap.process().pid()).rssBytes());
                try (BenchFunction function = lrap.withRuntime(runtime)) {
                    function.echo(SMALL);
                    startup.firstResponseWith().add(lrap.sinceLaunch().toNanos());
                    System.err.printf("extension launch %d: listening after %d ms, registered after %d ms%n", launch,
                            times.listening().toMillis(), times.registered().toMillis());
                    if (launch == launches) {
                        Map<Integer, ProcessMemory> loaded = invokeMany(function, lrap.process().pid());
                        reportStartup(startup, loaded, launches);
                        roundTrips(function);
                    }
                }
            }
        }
    }

    /**
     * Invokes the function, which has answered once, with 1 KiB of JSON, reading lrap's memory once it has answered
     * as many invocations as each checkpoint says.
     */
    private Map<Integer, ProcessMemory> invokeMany(BenchFunction function, long pid) {
        Map<Integer, ProcessMemory> memory = new LinkedHashMap<>();
        long start = System.nanoTime();
        int done = 1; // the environment's first response
        for (int checkpoint : checkpoints()) {
            IntStream.range(done, checkpoint).forEach(i -> function.echo(SMALL));
            done = checkpoint;
            memory.put(checkpoint, ProcessMemory.of(pid));
        }
        System.err.printf("extension: %d invocations in %d ms%n", done, (System.nanoTime() - start) / 1_000_000);
        return memory;
    }

    /** After how many invocations lrap's memory is read: {@value #INVOCATIONS}, and before and after it. */
    private List<Integer> checkpoints() {
        return List.of(200, INVOCATIONS, settings.count(2_000, 1_500), settings.count(5_000, 2_000));
    }

    private void reportStartup(Startup startup, Map<Integer, ProcessMemory> loaded, int launches) {
        Report.Section section = report.section("Start-up and memory (" + layer.kind() + " layer)", "measure", "value")
                .row("process start → listener accepts connections", spread(startup.listening()))
                .row("process start → registered with the Extensions API", spread(startup.registered()))
                .row("environment start → first response, without lrap", spread(startup.firstResponseWithout()))
                .row("environment start → first response, with lrap", spread(startup.firstResponseWith()))
                .row("RSS once registered", size(median(startup.rss())));
        loaded.forEach((invocations, memory) -> section.row(String.format(Locale.ROOT,
                "RSS after %,d invocations of 1 KiB JSON (peak so far)", invocations),
                size(memory.rssBytes()) + " (" + size(memory.peakRssBytes()) + ")"));
        section.row("layer zip / unpacked", size(layer.zipBytes()) + " / " + size(layer.unpackedBytes()))
                .note("Median (min–max) of " + launches + " launches, each in a fresh simulated environment, by the "
                        + "layer's own extensions/lrap as Lambda starts it. Listener: connecting to "
                        + "LRAP_LISTENER_PORT every 0.2 ms until it accepts; registered: the simulator has the "
                        + "registration. First response: from the launch of the first process of the environment "
                        + "(lrap, or the runtime without it) until the simulator has the response to a first invocation "
                        + "of 1 KiB JSON made at once, with the runtime started only after lrap registered, as Lambda "
                        + "does; without lrap the time also holds the simulator's start, in-process, a few ms.")
                .note("RSS: VmRSS and, as peak, VmHWM of /proc/<pid>/status (the JVM launcher execs the JVM, so the "
                        + "pid is lrap's). The invocations go through lrap to the JDK loop runtime, one after another; "
                        + "nothing is offloaded.");
        long atGoal = loaded.get(INVOCATIONS).rssBytes();
        int last = List.copyOf(loaded.keySet()).get(loaded.size() - 1);
        long growth = loaded.get(last).rssBytes() - atGoal;
        report.goal(String.format(Locale.ROOT, "lrap's RSS does not grow after %,d invocations (less than %s more after "
                + "%,d)", INVOCATIONS, size(RSS_NOISE), last), String.format(Locale.ROOT, "%s after %,d, %s%s after %,d",
                size(atGoal), INVOCATIONS, growth < 0 ? "−" : "+", size(Math.abs(growth)), last), growth < RSS_NOISE);
    }

    /** One response with several large strings, then an event with their references, counting DynamoDB requests. */
    private void roundTrips(BenchFunction function) {
        String fields = IntStream.range(0, FIELDS)
                .mapToObj(field -> "\"field" + field + "\":\"" + Payloads.text(FIELD_BYTES, field) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        requests.clear();
        InvocationResult offloaded = function.invoke(Invocation.of(fields));
        List<String> storing = drainRequests();
        // the response, now holding references, comes back as the next event, as when an agent hands its state on
        function.invoke(Invocation.of(offloaded.body()));
        List<String> resolving = drainRequests();
        long references = offloaded.bodyAsString().split("@content:dynamodb:table:", -1).length - 1L;
        if (references != FIELDS) {
            throw new IllegalStateException("lrap offloaded " + references + " of " + FIELDS + " strings; its output:\n"
                    + function.lrap().orElseThrow().output());
        }
        String response = "response with " + FIELDS + " strings of " + size(FIELD_BYTES);
        String event = "event with those " + FIELDS + " references";
        report.section("DynamoDB requests per invocation (" + layer.kind() + " layer)",
                "invocation", "requests reaching DynamoDB Local")
                .row(response, describe(storing))
                .row(event, describe(resolving))
                .note("Counted by a plain forwarder in front of DynamoDB Local, by X-Amz-Target. Default settings "
                        + "(MAX_CONTENT_SIZE 5000). The echo runtime posts the resolved event back: lrap knows the "
                        + "records it resolved and refers to them again instead of writing the content twice.");
        report.goal("One DynamoDB round trip per offloaded field batch (" + response + ")", describe(storing),
                storing.equals(List.of("BatchWriteItem")));
        report.goal("One DynamoDB round trip to resolve an event's references (" + event + ")", describe(resolving),
                resolving.equals(List.of("BatchGetItem")));
    }

    private void count(HttpServerRequest request) {
        requests.add(String.valueOf(request.getHeader("X-Amz-Target")).replace(TARGET_PREFIX, ""));
    }

    private List<String> drainRequests() {
        List<String> drained = new ArrayList<>();
        for (String request = requests.poll(); request != null; request = requests.poll()) {
            drained.add(request);
        }
        return drained;
    }

    private static String describe(List<String> requests) {
        return requests.size() + (requests.size() == 1 ? " request" : " requests")
                + (requests.isEmpty() ? "" : ": " + String.join(", ", requests));
    }

    private static String spread(Samples startup) {
        return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f)", startup.p50Millis(), startup.percentileMillis(0),
                startup.percentileMillis(100));
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get((values.size() - 1) / 2);
    }
}
