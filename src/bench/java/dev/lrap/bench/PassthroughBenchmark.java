package dev.lrap.bench;

import static dev.lrap.bench.Report.ms;
import static dev.lrap.bench.Report.percent;
import static dev.lrap.bench.Report.ratio;
import static dev.lrap.bench.Report.size;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import dev.lrap.simulator.Invocation;

/**
 * The latency lrap adds to an invocation when it has nothing to offload. The same events, echoed by the same
 * runtime, go to three functions that run side by side: one whose runtime talks to the Runtime API directly, one
 * with the plain forwarder in between (the least any buffering proxy costs) and one with lrap in between. They
 * take turns invocation by invocation, so that a busy moment of the machine hits all three alike. The first
 * invocations after start are reported apart from the steady state, because Lambda environments often live for few
 * invocations, and are taken from several starts, because one start gives too few of them to tell tenths of a
 * millisecond apart.
 */
final class PassthroughBenchmark {

    private static final int KIB = 1 << 10;
    private static final int MIB = 1 << 20;
    /** A limit above every payload. */
    private static final String ABOVE_EVERY_PAYLOAD = Integer.toString(Integer.MAX_VALUE);
    /** A MAX_CONTENT_SIZE for bytes that are not JSON: below every payload, so lrap has to look at them. */
    private static final int BELOW_EVERY_PAYLOAD = 256;
    private static final int PROFILE_TOP_FRAMES = 10;
    /** How many fresh sets of functions each give their first invocations to a case. */
    private static final int STARTS = 3;

    /**
     * What the events are, and what lrap does with them. It offloads nothing in any case, but whether it has to look
     * depends on its limits: with {@code MAX_CONTENT_SIZE} just above the payload's longest string it reads every
     * JSON response through; with both limits above the payload it knows without looking.
     */
    enum Kind {
        JSON_WALKED("JSON, walked", "application/json", Payloads::conversation, json -> Payloads.longestString(json) + 1),
        JSON_LEFT_ALONE("JSON, left alone", "application/json", Payloads::conversation, json -> Integer.MAX_VALUE),
        OPAQUE("not JSON", "application/octet-stream", Payloads::opaque, bytes -> BELOW_EVERY_PAYLOAD);

        final String label;
        final String contentType;
        final IntFunction<byte[]> payload;
        final ToIntFunction<byte[]> maxContentSize;

        Kind(String label, String contentType, IntFunction<byte[]> payload, ToIntFunction<byte[]> maxContentSize) {
            this.label = label;
            this.contentType = contentType;
            this.payload = payload;
            this.maxContentSize = maxContentSize;
        }

        Map<String, String> lrapEnvironment(byte[] payload) {
            return Map.of("MAX_CONTENT_SIZE", Integer.toString(maxContentSize.applyAsInt(payload)),
                    "LRAP_MAX_PAYLOAD_SIZE", ABOVE_EVERY_PAYLOAD);
        }
    }

    /** One measurement: a runtime echoing one kind of payload of one size. */
    private record Case(FunctionRuntime runtime, Kind kind, int size) {

        String label() {
            return Report.size(size) + " " + kind.label;
        }
    }

    /**
     * What a full run measures: every kind at the sizes of earlier runs with the JDK loop, the JSON that lrap walks
     * at more sizes, and that JSON at 4 KiB, 100 KiB and 1 MiB with AWS's Java runtime client.
     */
    private static final List<Case> CASES = cases();

    /** The ways from the runtime to the Runtime API. */
    enum Route {
        DIRECT, PLAIN_FORWARD, LRAP
    }

    /** How many invocations each route gets for one payload: recorded from the start, not recorded, recorded. */
    private record Counts(int early, int warmUp, int steady) {
    }

    /** The latencies of each route in one phase, and the CPU time lrap and the plain forwarder used meanwhile. */
    private record Phase(Map<Route, Samples> latencies, long lrapCpuNanos, long forwarderCpuNanos) {

        /** This phase and {@code other} as one. */
        Phase with(Phase other) {
            Map<Route, Samples> pooled = new EnumMap<>(Route.class);
            latencies.forEach((route, samples) -> pooled.put(route, samples.with(other.of(route))));
            return new Phase(pooled, lrapCpuNanos + other.lrapCpuNanos, forwarderCpuNanos + other.forwarderCpuNanos);
        }

        double lrapCpuMillis() {
            return lrapCpuNanos / 1e6 / of(Route.LRAP).count();
        }

        double forwarderCpuMillis() {
            return forwarderCpuNanos / 1e6 / of(Route.PLAIN_FORWARD).count();
        }

        Samples of(Route route) {
            return latencies.get(route);
        }

        /** The percentile on {@code route} less the same percentile on the direct route. */
        double added(Route route, double percentile) {
            return of(route).percentileMillis(percentile) - of(Route.DIRECT).percentileMillis(percentile);
        }

        /** Whether lrap adds at p50 at most {@code factor} times what the plain forwarder adds. */
        boolean addsAtMost(double factor) {
            return added(Route.LRAP, 50) <= factor * added(Route.PLAIN_FORWARD, 50);
        }

        /** What lrap adds at p50 for each millisecond the plain forwarder adds; no number when that is nothing. */
        String addedRatio() {
            double plain = added(Route.PLAIN_FORWARD, 50);
            return plain > 0 ? ratio(added(Route.LRAP, 50) / plain) : "– (the plain forwarder added nothing)";
        }
    }

    /** Both phases of one case, and lrap's resident memory along the way. */
    private record Measurement(Case measured, Counts counts, Phase early, Phase steady, long rssAtStart,
            long rssAfterEarly, long rssAtEnd) {
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

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int size : new int[] { KIB, 4 * KIB, 64 * KIB, 100 * KIB, MIB, 6 * MIB }) {
            cases.add(new Case(FunctionRuntime.JDK_LOOP, Kind.JSON_WALKED, size));
        }
        for (Kind kind : List.of(Kind.JSON_LEFT_ALONE, Kind.OPAQUE)) {
            for (int size : new int[] { KIB, 64 * KIB, MIB, 6 * MIB }) {
                cases.add(new Case(FunctionRuntime.JDK_LOOP, kind, size));
            }
        }
        for (int size : new int[] { 4 * KIB, 100 * KIB, MIB }) {
            cases.add(new Case(FunctionRuntime.JAVA_RIC, Kind.JSON_WALKED, size));
        }
        return cases;
    }

    private void measureAll() {
        List<Case> cases = CASES.stream()
                .filter(measured -> settings.runsCase(measured.label() + ", " + measured.runtime().label)).toList();
        if (cases.isEmpty()) {
            return;
        }
        List<Measurement> measurements;
        try (ForwarderProcess forwarders = ForwarderProcess.start()) {
            warmUp(forwarders);
            measurements = cases.stream().map(measured -> measure(measured, forwarders)).toList();
        }
        measurements.stream().collect(Collectors.groupingBy(m -> m.measured().runtime(), LinkedHashMap::new,
                Collectors.toList())).forEach(this::latencyTable);
        memoryTable(measurements);
        measurements.forEach(this::judge);
    }

    private void latencyTable(FunctionRuntime runtime, List<Measurement> measurements) {
        Report.Section table = report.section("Added latency per invocation, " + runtime.label + " (" + layer.kind()
                + " layer)", "payload", "invocations", "without proxy p50 / p99 ms", "plain forwarder p50 / p99 ms",
                "lrap p50 / p99 ms", "added by the plain forwarder p50 ms", "added by lrap p50 / p99 ms",
                "lrap-added ÷ plain-added p50", "CPU per invocation, plain forwarder / lrap ms");
        for (Measurement measurement : measurements) {
            Counts counts = measurement.counts();
            row(table, measurement.measured().label(), "1–" + counts.early() + " of " + starts() + " starts",
                    measurement.early());
            row(table, "", "steady, " + (counts.early() + counts.warmUp() + 1) + "–"
                    + (counts.early() + counts.warmUp() + counts.steady()), measurement.steady());
        }
        table.note("Each invocation sends an event of the payload's size to the runtime (" + runtime.description
                + "), which posts it back as the response: the payload crosses the proxy twice.")
                .note("Latency: from the benchmark handing the invocation to the simulator until the simulator has the "
                        + "response, as a Lambda caller would wait for it, minus the network.")
                .note("Invocations: each payload gets three fresh functions (runtime, and lrap or a forwarder where "
                        + "they are in the path), whose runtimes start together once lrap has registered and have all "
                        + "asked for their first event before it comes, and which take turns invocation by invocation "
                        + "from their first invocation on. Their first invocations are "
                        + "reported apart, pooled from " + starts() + " such starts; after the last one come warm-up "
                        + "invocations that are not recorded, then the steady state.")
                .note("lrap runs from the layer's own launcher and offloads nothing. JSON, walked: MAX_CONTENT_SIZE one "
                        + "above the payload's longest string and LRAP_MAX_PAYLOAD_SIZE above every payload, so lrap "
                        + "reads every response through, measuring its strings, and finds none to move. JSON, left "
                        + "alone: both limits above every payload, so lrap knows without parsing that nothing can "
                        + "change. Not JSON: MAX_CONTENT_SIZE " + BELOW_EVERY_PAYLOAD + "; lrap passes it on after the "
                        + "parser's first token. Events hold no reference, which lrap learns by scanning their bytes.")
                .note("The plain forwarder (Vert.x, one event loop) reads each request and answer whole and sends it "
                        + "on: what one more loopback hop costs by itself, the yardstick of every row. It runs in a "
                        + "process of its own, as lrap does, with the JIT settings of lrap's launcher and a heap that "
                        + "spares it collections, and it is warm: one process serves every payload and was warmed up "
                        + "before the first, so it stands for a proxy that needs no warm-up.")
                .note("Added = percentile through the proxy − the same percentile without proxy (a difference of "
                        + "percentiles). lrap-added ÷ plain-added: how many times what a minimal proxy adds lrap adds.")
                .note("CPU: user and system time of the forwarder's and of lrap's process (all threads, JIT and GC "
                        + "included) while they served the phase's invocations, divided by their number; "
                        + "/proc/<pid>/stat counts in 10 ms ticks.");
        if (profiling()) {
            table.note("async-profiler sampled lrap during the steady invocations, which costs it some time: compare "
                    + "figures of profiled runs with each other only.");
        }
    }

    private static void row(Report.Section table, String payload, String invocations, Phase phase) {
        table.row(payload, invocations, cell(phase.of(Route.DIRECT)), cell(phase.of(Route.PLAIN_FORWARD)),
                cell(phase.of(Route.LRAP)), ms(phase.added(Route.PLAIN_FORWARD, 50)),
                ms(phase.added(Route.LRAP, 50)) + " / " + ms(phase.added(Route.LRAP, 99)), phase.addedRatio(),
                ms(phase.forwarderCpuMillis()) + " / " + ms(phase.lrapCpuMillis()));
    }

    private void memoryTable(List<Measurement> measurements) {
        Report.Section table = report.section("lrap's memory during the passthrough (" + layer.kind() + " layer)",
                "payload", "runtime", "RSS before the first invocation", "after the first ones", "at the end",
                "growth after the first ones");
        for (Measurement measurement : measurements) {
            Counts counts = measurement.counts();
            table.row(measurement.measured().label(), measurement.measured().runtime().label,
                    size(measurement.rssAtStart()), size(measurement.rssAfterEarly()) + " (" + counts.early() + ")",
                    size(measurement.rssAtEnd()) + " (" + (counts.early() + counts.warmUp() + counts.steady()) + ")",
                    signedSize(measurement.rssAtEnd() - measurement.rssAfterEarly()));
        }
        table.note("VmRSS of the lrap process (/proc/<pid>/status), once it had registered and the runtime had started, "
                + "after the invocations counted in parentheses.");
    }

    /**
     * Warms the forwarder process up on the sizes measured, with invocations enough for its JIT to have compiled
     * everything they run.
     */
    private void warmUp(ForwarderProcess forwarders) {
        try (BenchFunction function = BenchFunction.throughPlainForwarder(forwarders,
                FunctionRuntime.JDK_LOOP.command(settings.workDir().resolve("runtimes")))) {
            Map.of(4 * KIB, settings.count(2_000, 200), 100 * KIB, settings.count(300, 30), MIB, settings.count(50, 5))
                    .forEach((size, invocations) -> {
                        Invocation invocation = Invocation.of(Kind.JSON_WALKED.payload.apply(size))
                                .withContentType(Kind.JSON_WALKED.contentType);
                        repeat(invocations, () -> function.echo(invocation));
                    });
        }
    }

    private Measurement measure(Case measured, ForwarderProcess forwarders) {
        byte[] payload = measured.kind().payload.apply(measured.size());
        List<String> runtimeCommand = measured.runtime().command(settings.workDir().resolve("runtimes"));
        Map<String, String> lrapEnvironment = settings.lrapEnvironment(measured.kind().lrapEnvironment(payload));
        Invocation invocation = Invocation.of(payload).withContentType(measured.kind().contentType);
        Counts counts = counts(measured.size());
        Phase early = null;
        for (int start = 1;; start++) {
            // lrap first: its runtime starts once lrap has registered, and the other two start right after it, so that
            // the three runtimes are as old as each other when the first invocations come, their own start-up alike
            try (BenchFunction proxied = BenchFunction.throughLrap(layer, lrapEnvironment, runtimeCommand);
                    BenchFunction direct = BenchFunction.direct(runtimeCommand);
                    BenchFunction forwarded = BenchFunction.throughPlainForwarder(forwarders, runtimeCommand)) {
                Map<Route, BenchFunction> functions = new EnumMap<>(Map.of(Route.DIRECT, direct,
                        Route.PLAIN_FORWARD, forwarded, Route.LRAP, proxied));
                functions.values().forEach(BenchFunction::awaitRuntime);
                long lrap = proxied.lrap().orElseThrow().pid();
                long rssAtStart = ProcessMemory.of(lrap).rssBytes();
                Phase first = takeTurns(functions, invocation, counts.early(), lrap, forwarders.pid());
                early = early == null ? first : early.with(first);
                if (start == starts()) {
                    Measurement measurement = measureSteady(functions, invocation, measured, counts, early, rssAtStart,
                            forwarders.pid());
                    System.err.printf("passthrough %s, %s: lrap-added ÷ plain-added p50 %s first, %s steady%n",
                            measured.label(), measured.runtime().label, measurement.early().addedRatio(),
                            measurement.steady().addedRatio());
                    return measurement;
                }
            }
        }
    }

    /** After the first invocations of the last start: warm-up, then the steady state, with lrap's memory on the way. */
    private Measurement measureSteady(Map<Route, BenchFunction> functions, Invocation invocation, Case measured,
            Counts counts, Phase early, long rssAtStart, long forwarder) {
        BenchFunction proxied = functions.get(Route.LRAP);
        long lrap = proxied.lrap().orElseThrow().pid();
        long rssAfterEarly = ProcessMemory.of(lrap).rssBytes();
        functions.values().forEach(function -> repeat(counts.warmUp(), () -> function.echo(invocation)));
        Optional<Profiler> profiler = profiling()
                ? Profiler.of(lrap, settings.workDir().resolve("profiles"))
                : Optional.empty();
        profiler.ifPresent(Profiler::start);
        Phase steady = takeTurns(functions, invocation, counts.steady(), lrap, forwarder);
        String name = "lrap-" + measured.runtime().name().toLowerCase(Locale.ROOT) + "-"
                + measured.kind().name().toLowerCase(Locale.ROOT) + "-" + size(measured.size()).replace(" ", "");
        profiler.ifPresent(started -> summarize(measured, started.stop(name)));
        return new Measurement(measured, counts, early, steady, rssAtStart, rssAfterEarly,
                ProcessMemory.of(lrap).rssBytes());
    }

    /**
     * {@code invocations} invocations of each route, one route after the other, so that whatever else the machine does
     * at any moment hits the three alike; who goes first changes every turn. {@code lrap} and {@code forwarder} are
     * the pids whose CPU time is taken.
     */
    private static Phase takeTurns(Map<Route, BenchFunction> functions, Invocation invocation, int invocations,
            long lrap, long forwarder) {
        long lrapCpu = ProcessCpu.nanos(lrap);
        long forwarderCpu = ProcessCpu.nanos(forwarder);
        Map<Route, Samples> latencies = new EnumMap<>(Route.class);
        List<Route> routes = List.of(Route.values());
        for (int round = 0; round < invocations; round++) {
            for (int turn = 0; turn < routes.size(); turn++) {
                Route route = routes.get((round + turn) % routes.size());
                Samples samples = latencies.computeIfAbsent(route, r -> new Samples());
                samples.time(() -> functions.get(route).echo(invocation));
            }
        }
        return new Phase(latencies, ProcessCpu.nanos(lrap) - lrapCpu, ProcessCpu.nanos(forwarder) - forwarderCpu);
    }

    private int starts() {
        return settings.count(STARTS, 2);
    }

    private boolean profiling() {
        return settings.profile() && layer.isJvm();
    }

    /** Invocations 1–200 (1–50 at 6 MiB) apart; then warm-up and a steady state that fits the run's time. */
    private Counts counts(int size) {
        if (size <= 4 * KIB) {
            return new Counts(settings.count(200, 50), settings.count(500, 50), settings.count(2_000, 200));
        }
        if (size <= 100 * KIB) {
            return new Counts(settings.count(200, 50), settings.count(200, 20), settings.count(1_000, 100));
        }
        if (size <= MIB) {
            return new Counts(settings.count(200, 20), settings.count(50, 10), settings.count(300, 30));
        }
        return new Counts(settings.count(50, 10), settings.count(10, 0), settings.count(100, 10));
    }

    private void judge(Measurement measurement) {
        Case measured = measurement.measured();
        double added = measurement.steady().added(Route.LRAP, 50);
        if (measured.size() == KIB) {
            report.goal("Added p50 under 0.3 ms for a 1 KiB passthrough after warm-up, " + layer.kind() + " layer ("
                    + measured.kind().label + ", " + measured.runtime().label + ")", ms(added) + " ms", added < 0.3);
        }
        double allowed = switch (measured.size()) {
            case 4 * KIB -> 1.5;
            case 100 * KIB, MIB -> measured.kind() == Kind.JSON_WALKED ? 2 : 0;
            case 6 * MIB -> 2;
            default -> 0;
        };
        if (allowed == 0) {
            return;
        }
        Phase early = measurement.early();
        Phase steady = measurement.steady();
        report.goal("lrap adds at most " + ratio(allowed) + " what the plain forwarder adds, " + measured.label() + ", "
                + measured.runtime().label + ", from invocation 1 on",
                early.addedRatio() + " in invocations 1–" + measurement.counts().early() + " ("
                        + ms(early.added(Route.LRAP, 50)) + " against " + ms(early.added(Route.PLAIN_FORWARD, 50))
                        + " ms), " + steady.addedRatio() + " steady (" + ms(added) + " against "
                        + ms(steady.added(Route.PLAIN_FORWARD, 50)) + " ms)",
                early.addsAtMost(allowed) && steady.addsAtMost(allowed));
    }

    private void summarize(Case measured, Profile profile) {
        Report.Section section = report.section("lrap's CPU profile, " + measured.label() + ", "
                + measured.runtime().label, "running frame", "share of samples");
        profile.selfTime().entrySet().stream().limit(PROFILE_TOP_FRAMES)
                .forEach(frame -> section.row("`" + frame.getKey() + "`", percent(frame.getValue())));
        section.note("By activity: " + profile.byActivity().entrySet().stream()
                .limit(PROFILE_TOP_FRAMES)
                .map(activity -> activity.getKey() + " " + percent(activity.getValue()))
                .collect(Collectors.joining(", ")))
                .note("In the kernel: " + percent(profile.kernelShare()) + " of the samples.")
                .note(profile.samples() + " samples, one per millisecond of CPU time in any of lrap's threads, during the "
                        + "steady invocations; flame graph: " + profile.flameGraph());
    }

    private static String cell(Samples samples) {
        return ms(samples.p50Millis()) + " / " + ms(samples.p99Millis());
    }

    private static String signedSize(long bytes) {
        return (bytes < 0 ? "−" : "+") + size(Math.abs(bytes));
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }
}
