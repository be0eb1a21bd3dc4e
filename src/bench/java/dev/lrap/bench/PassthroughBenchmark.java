package dev.lrap.bench;

import static dev.lrap.bench.Report.ms;
import static dev.lrap.bench.Report.percent;
import static dev.lrap.bench.Report.ratio;
import static dev.lrap.bench.Report.size;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import dev.lrap.simulator.Invocation;

/**
 * The latency lrap adds to an invocation when it has nothing to offload. The same events, echoed by the same
 * runtime, go to three functions that run side by side: one whose runtime talks to the Runtime API directly, one
 * with the plain forwarder in between (the least any buffering proxy costs) and one with lrap in between. They
 * take turns in short blocks, so that a busy moment of the machine hits all three alike.
 */
final class PassthroughBenchmark {

    private static final int[] SIZES = { 1 << 10, 64 << 10, 1 << 20, 6 << 20 };
    /** A limit above every payload. */
    private static final String ABOVE_EVERY_PAYLOAD = Integer.toString(Integer.MAX_VALUE);
    /** A MAX_CONTENT_SIZE above every string of the payloads (messages of up to 8,000 ASCII characters), not above them. */
    private static final String ABOVE_EVERY_STRING = Integer.toString(32 << 10);
    /** The functions take turns this many times per payload. */
    private static final int ROUNDS = 10;
    private static final int PROFILE_TOP_FRAMES = 10;

    /**
     * What the events are, and what lrap does with them. It offloads nothing in any case, but whether it has to look
     * depends on its limits: with {@code MAX_CONTENT_SIZE} above every string, not above the payload, it reads every
     * JSON response larger than that through; with both limits above the payload it knows without looking.
     */
    enum Kind {
        JSON_WALKED("JSON, walked", "application/json", Payloads::conversation, ABOVE_EVERY_STRING),
        JSON_LEFT_ALONE("JSON, left alone", "application/json", Payloads::conversation, ABOVE_EVERY_PAYLOAD),
        OPAQUE("not JSON", "application/octet-stream", Payloads::opaque, ABOVE_EVERY_STRING);

        final String label;
        final String contentType;
        final IntFunction<byte[]> payload;
        final Map<String, String> lrapEnvironment;

        Kind(String label, String contentType, IntFunction<byte[]> payload, String maxContentSize) {
            this.label = label;
            this.contentType = contentType;
            this.payload = payload;
            this.lrapEnvironment = Map.of("MAX_CONTENT_SIZE", maxContentSize, "LRAP_MAX_PAYLOAD_SIZE", ABOVE_EVERY_PAYLOAD);
        }
    }

    /** The ways from the runtime to the Runtime API. */
    enum Route {
        DIRECT, PLAIN_FORWARD, LRAP
    }

    /** How many invocations each route gets for one payload: not recorded, then recorded. */
    private record Counts(int warmUp, int measured) {
    }

    /** The latencies of each route for one payload, and the CPU time lrap used per invocation meanwhile. */
    private record Measurement(Map<Route, Samples> latencies, double lrapCpuMillis) {

        Samples of(Route route) {
            return latencies.get(route);
        }

        /** The percentile on {@code route} less the same percentile on the direct route. */
        double added(Route route, double percentile) {
            return of(route).percentileMillis(percentile) - of(Route.DIRECT).percentileMillis(percentile);
        }
    }

    private final BenchSettings settings;
    private final Layer layer;
    private final Report report;

    private PassthroughBenchmark(BenchSettings settings, Layer layer, Report report) {
        this.settings = settings;
        this.layer = layer;
        this.report = report;
    }

    static void run(BenchSettings settings, Layer layer, Report report) {
        new PassthroughBenchmark(settings, layer, report).measureAll();
    }

    private void measureAll() {
        Report.Section table = report.section("Added latency per invocation (" + layer.kind() + " layer)",
                "payload", "samples per route", "direct p50 / p99 ms", "plain forward p50 / p99 ms",
                "lrap p50 / p99 ms", "added by lrap p50 / p99 ms", "lrap ÷ direct p50", "added by plain forward p50 ms",
                "lrap CPU per invocation ms");
        for (Kind kind : Kind.values()) {
            for (int size : SIZES) {
                Measurement measurement = measure(kind, size);
                table.row(size(size) + " " + kind.label, measurement.of(Route.DIRECT).count(),
                        cell(measurement.of(Route.DIRECT)), cell(measurement.of(Route.PLAIN_FORWARD)),
                        cell(measurement.of(Route.LRAP)),
                        ms(measurement.added(Route.LRAP, 50)) + " / " + ms(measurement.added(Route.LRAP, 99)),
                        ratio(measurement.of(Route.LRAP).p50Millis() / measurement.of(Route.DIRECT).p50Millis()),
                        ms(measurement.added(Route.PLAIN_FORWARD, 50)), ms(measurement.lrapCpuMillis()));
                judge(kind, size, measurement);
            }
        }
        table.note("Each invocation sends an event of the payload's size to the echo runtime (the JDK's HTTP client in a "
                + "JVM of its own), which posts it back as the response: the payload crosses the proxy twice.")
                .note("Latency: from the benchmark handing the invocation to the simulator until the simulator has the "
                        + "response, as a Lambda caller would wait for it, minus the network.")
                .note("lrap runs from the layer's own launcher and offloads nothing. JSON, walked: MAX_CONTENT_SIZE "
                        + ABOVE_EVERY_STRING + " (above every string) and LRAP_MAX_PAYLOAD_SIZE above every payload, so "
                        + "lrap reads every response larger than " + ABOVE_EVERY_STRING + " bytes through, measuring its "
                        + "strings in one streaming pass, and finds none to move. JSON, left "
                        + "alone: both limits above every payload, so lrap knows without parsing that nothing can change. "
                        + "Not JSON: the limits of JSON, walked; lrap passes it on after the parser's first token. Events "
                        + "hold no reference, which lrap learns by scanning their bytes.")
                .note("The plain forwarder (Vert.x, one event loop, in the benchmark JVM, which has lrap's JIT settings) "
                        + "reads each request and answer whole and sends it on: what copying the bytes through one more "
                        + "loopback hop costs by itself.")
                .note("lrap CPU: user and system time of the lrap process (all threads, GC included) while it served "
                        + "the recorded invocations, divided by their number; /proc/<pid>/stat counts in 10 ms ticks.")
                .note("Added = percentile with lrap − the same percentile direct (a difference of percentiles). Every "
                        + "payload gets three fresh functions, which take turns in " + ROUNDS + " blocks after "
                        + warmUpNote() + " warm-up invocations each.");
        if (profiling()) {
            table.note("async-profiler sampled lrap during the recorded invocations, which costs it some time: compare "
                    + "figures of profiled runs with each other only.");
        }
    }

    private Measurement measure(Kind kind, int size) {
        try (EchoFunction direct = EchoFunction.direct();
                EchoFunction forwarded = EchoFunction.throughPlainForwarder();
                EchoFunction proxied = EchoFunction.throughLrap(layer, settings.lrapEnvironment(kind.lrapEnvironment))) {
            Map<Route, EchoFunction> functions = new EnumMap<>(Map.of(Route.DIRECT, direct,
                    Route.PLAIN_FORWARD, forwarded, Route.LRAP, proxied));
            Measurement measurement = measureOn(functions, kind, size);
            System.err.printf("passthrough %s %s: direct %s, lrap %s ms p50, lrap CPU %s ms per invocation%n", size(size),
                    kind.label, ms(measurement.of(Route.DIRECT).p50Millis()), ms(measurement.of(Route.LRAP).p50Millis()),
                    ms(measurement.lrapCpuMillis()));
            return measurement;
        }
    }

    private Measurement measureOn(Map<Route, EchoFunction> functions, Kind kind, int size) {
        Invocation invocation = Invocation.of(kind.payload.apply(size)).withContentType(kind.contentType);
        Counts counts = counts(size);
        functions.values().forEach(function -> repeat(counts.warmUp(), () -> function.echo(invocation)));
        long lrap = functions.get(Route.LRAP).lrap().orElseThrow().pid();
        Optional<Profiler> profiler = profiling()
                ? Profiler.of(lrap, settings.workDir().resolve("profiles"))
                : Optional.empty();
        profiler.ifPresent(Profiler::start);
        long lrapCpu = ProcessCpu.nanos(lrap);
        Map<Route, Samples> latencies = new EnumMap<>(Route.class);
        List<Route> routes = List.of(Route.values());
        for (int round = 0; round < ROUNDS; round++) {
            for (int turn = 0; turn < routes.size(); turn++) {
                // who goes first changes every round
                Route route = routes.get((round + turn) % routes.size());
                Samples samples = latencies.computeIfAbsent(route, r -> new Samples());
                repeat(counts.measured() / ROUNDS, () -> samples.time(() -> functions.get(route).echo(invocation)));
            }
        }
        Measurement measurement = new Measurement(latencies,
                (ProcessCpu.nanos(lrap) - lrapCpu) / 1e6 / latencies.get(Route.LRAP).count());
        String name = "lrap-" + kind.name().toLowerCase(Locale.ROOT) + "-" + size(size).replace(" ", "");
        profiler.ifPresent(started -> summarize(kind, size, started.stop(name)));
        return measurement;
    }

    private boolean profiling() {
        return settings.profile() && layer.isJvm();
    }

    private Counts counts(int size) {
        return switch (size) {
            case 1 << 10 -> new Counts(settings.count(2_000, 300), settings.count(5_000, 500));
            case 64 << 10 -> new Counts(settings.count(500, 100), settings.count(2_000, 200));
            case 1 << 20 -> new Counts(settings.count(100, 10), settings.count(300, 50));
            default -> new Counts(settings.count(20, 5), settings.count(100, 20));
        };
    }

    private String warmUpNote() {
        return Arrays.stream(SIZES)
                .mapToObj(size -> counts(size).warmUp() + " (" + size(size) + ")")
                .collect(Collectors.joining(", "));
    }

    private void judge(Kind kind, int size, Measurement measurement) {
        double added = measurement.added(Route.LRAP, 50);
        if (size == 1 << 10) {
            report.goal("Added p50 under 0.3 ms for a 1 KiB passthrough after warm-up, " + layer.kind() + " layer ("
                    + kind.label + ")", ms(added) + " ms", added < 0.3);
        }
        if (size == 6 << 20) {
            double copy = measurement.added(Route.PLAIN_FORWARD, 50);
            report.goal("A 6 MiB passthrough costs at most 2× a plain copy through the loopback (" + kind.label + ")",
                    "lrap adds " + ms(added) + " ms, the plain forwarder " + ms(copy) + " ms: " + ratio(added / copy),
                    added <= 2 * copy);
        }
    }

    private void summarize(Kind kind, int size, Profile profile) {
        Report.Section section = report.section("lrap's CPU profile, " + size(size) + " " + kind.label,
                "running frame", "share of samples");
        profile.selfTime().entrySet().stream().limit(PROFILE_TOP_FRAMES)
                .forEach(frame -> section.row("`" + frame.getKey() + "`", percent(frame.getValue())));
        section.note("By activity: " + profile.byActivity().entrySet().stream()
                .limit(PROFILE_TOP_FRAMES)
                .map(activity -> activity.getKey() + " " + percent(activity.getValue()))
                .collect(Collectors.joining(", ")))
                .note("In the kernel: " + percent(profile.kernelShare()) + " of the samples.")
                .note(profile.samples() + " samples, one per millisecond of CPU time in any of lrap's threads, during the "
                        + "recorded invocations; flame graph: " + profile.flameGraph());
    }

    private static String cell(Samples samples) {
        return ms(samples.p50Millis()) + " / " + ms(samples.p99Millis());
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }
}
