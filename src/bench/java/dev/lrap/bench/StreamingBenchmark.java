package dev.lrap.bench;

import static dev.lrap.bench.Report.ms;
import static dev.lrap.bench.Report.size;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streamed responses through lrap against the same stream without it: how late the first byte reaches the caller,
 * and how lrap's memory behaves while a stream as large as Lambda allows passes. The caller is Lambda's streaming
 * invoke on the simulator; the runtime is the {@link ChunkedStreamRuntime}. A build whose simulator or lrap cannot
 * stream yet gets its report saying so instead of figures.
 */
final class StreamingBenchmark {

    private static final long HOLD_MILLIS = 300;
    /** A stream whose first chunk goes out at once and the rest {@value #HOLD_MILLIS} ms later. */
    private static final ChunkedStreamRuntime.Stream HELD_BACK = new ChunkedStreamRuntime.Stream(1 << 20, 16 << 10,
            HOLD_MILLIS);
    /** Lambda's limit for a streamed response; a quick run streams as much, which takes seconds. */
    private static final long LARGEST_STREAM = 200_000_000L;
    private static final int LARGE_STREAM_CHUNK = 64 << 10;
    private static final long MEMORY_PERIOD_MILLIS = 10;
    /** The goals of the streaming relay. */
    private static final double FIRST_BYTE_GOAL_MILLIS = 50;
    private static final long RSS_GROWTH_GOAL = 16 << 20;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BenchSettings settings;
    private final Layer layer;
    private final Report report;

    /** What the caller saw of one streamed invocation. */
    private record Received(long firstByteNanos, long allNanos, long bytes) {
    }

    private StreamingBenchmark(BenchSettings settings, Layer layer, Report report) {
        this.settings = settings;
        this.layer = layer;
        this.report = report;
    }

    static void run(BenchSettings settings, Layer layer, Report report) {
        new StreamingBenchmark(settings, layer, report).measure();
    }

    private void measure() {
        List<String> runtime = FunctionRuntime.CHUNKED_STREAM.command(settings.workDir().resolve("runtimes"));
        try (BenchFunction direct = BenchFunction.direct(runtime);
                BenchFunction proxied = BenchFunction.throughLrap(layer, settings.lrapEnvironment(Map.of()), runtime)) {
            try {
                stream(direct, HELD_BACK);
            } catch (RuntimeException unsupported) {
                notMeasured("a stream without lrap failed, so the simulator cannot measure streams: " + unsupported);
                return;
            }
            try {
                firstByte(direct, proxied);
                largeStream(direct, proxied);
            } catch (RuntimeException failed) {
                notMeasured("a stream through lrap failed: " + failed + "\nlrap's output ends with:\n"
                        + tail(proxied.lrap().orElseThrow().output()));
            }
        }
    }

    private void firstByte(BenchFunction direct, BenchFunction proxied) {
        int warmUp = settings.count(10, 2);
        int samples = settings.count(40, 5);
        Samples directFirst = new Samples();
        Samples proxiedFirst = new Samples();
        Samples directAll = new Samples();
        Samples proxiedAll = new Samples();
        for (int i = 0; i < warmUp + samples; i++) {
            Received withoutLrap = stream(direct, HELD_BACK);
            Received withLrap = stream(proxied, HELD_BACK);
            if (i >= warmUp) {
                directFirst.add(withoutLrap.firstByteNanos());
                directAll.add(withoutLrap.allNanos());
                proxiedFirst.add(withLrap.firstByteNanos());
                proxiedAll.add(withLrap.allNanos());
            }
        }
        double added = proxiedFirst.p50Millis() - directFirst.p50Millis();
        report.section("Streamed responses: time to the first byte (" + layer.kind() + " layer)", "route", "samples",
                "first byte p50 / p99 ms", "whole stream p50 ms")
                .row("without lrap", samples, cell(directFirst), ms(directAll.p50Millis()))
                .row("through lrap", samples, cell(proxiedFirst), ms(proxiedAll.p50Millis()))
                .row("added by lrap", "", ms(added) + " / " + ms(proxiedFirst.p99Millis() - directFirst.p99Millis()),
                        ms(proxiedAll.p50Millis() - directAll.p50Millis()))
                .note("Lambda's streaming invoke (POST /2021-11-15/functions/function/response-streaming-invocations) on "
                        + "the simulator, read by the JDK's HTTP client: from sending the invoke until the first byte of "
                        + "the body arrives, and until the last.")
                .note("The runtime streams " + size(HELD_BACK.bytes()) + " in chunks of " + size(HELD_BACK.chunkBytes())
                        + ", HTTP/1.1 chunked with Lambda-Runtime-Function-Response-Mode: streaming, and holds "
                        + "everything after the first chunk back for " + HOLD_MILLIS + " ms: a proxy that buffers the "
                        + "stream cannot deliver the first byte sooner than that. The two functions take turns, after "
                        + warmUp + " warm-up invocations each; lrap runs with its default settings.");
        report.goal(String.format(Locale.ROOT, "The first chunk of a streamed response reaches the caller within %.0f "
                + "ms of what it takes without lrap", FIRST_BYTE_GOAL_MILLIS), "+" + ms(added) + " ms at p50", added < FIRST_BYTE_GOAL_MILLIS);
    }

    private void largeStream(BenchFunction direct, BenchFunction proxied) {
        ChunkedStreamRuntime.Stream large = new ChunkedStreamRuntime.Stream(LARGEST_STREAM, LARGE_STREAM_CHUNK, 0);
        Received withoutLrap = stream(direct, large);
        long pid = proxied.lrap().orElseThrow().pid();
        ProcessMemory before = ProcessMemory.of(pid);
        Received withLrap;
        long peak;
        try (PeakRss watch = PeakRss.watch(pid)) {
            withLrap = stream(proxied, large);
            peak = watch.peakBytes();
        }
        ProcessMemory after = ProcessMemory.of(pid);
        long growth = peak - before.rssBytes();
        String stream = String.format(Locale.ROOT, "%,d bytes", LARGEST_STREAM);
        report.section("Streamed responses: a stream of " + stream + " (" + layer.kind() + " layer)", "route",
                "time to the last byte ms", "MB/s", "lrap RSS before / highest during / after", "lrap RSS growth")
                .row("without lrap", ms(withoutLrap.allNanos() / 1e6), rate(withoutLrap), "", "")
                .row("through lrap", ms(withLrap.allNanos() / 1e6), rate(withLrap), size(before.rssBytes()) + " / "
                        + size(peak) + " / " + size(after.rssBytes()), "+" + size(Math.max(0, growth)))
                .note("One stream each way, " + size(LARGE_STREAM_CHUNK) + " chunks written as fast as the connection "
                        + "takes them; the caller counts the bytes and checks that every one arrived.")
                .note("RSS: VmRSS of lrap, read every " + MEMORY_PERIOD_MILLIS + " ms while the stream passed; VmHWM "
                        + "(the kernel's own peak, start-up included) went from " + size(before.peakRssBytes())
                        + " to " + size(after.peakRssBytes()) + ".");
        report.goal("lrap's RSS grows by less than " + size(RSS_GROWTH_GOAL) + " over a stream of " + stream,
                "+" + size(Math.max(0, growth)), growth < RSS_GROWTH_GOAL);
    }

    /** Invokes the function with streaming and reads the whole stream, checking that every byte arrived. */
    private Received stream(BenchFunction function, ChunkedStreamRuntime.Stream stream) {
        HttpRequest invoke = HttpRequest.newBuilder(function.streamingInvokeUri())
                .POST(BodyPublishers.ofString(stream.event())).build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(invoke, BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                            + new String(body.readNBytes(500), StandardCharsets.UTF_8));
                }
                byte[] buffer = new byte[64 << 10];
                int first = body.read(buffer);
                long firstByte = System.nanoTime() - start;
                long received = first < 0 ? 0 : first + body.transferTo(OutputStream.nullOutputStream());
                long all = System.nanoTime() - start;
                if (received != stream.bytes()) {
                    throw new IllegalStateException("received " + received + " bytes of a stream of " + stream.bytes());
                }
                return new Received(firstByte, all, received);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void notMeasured(String why) {
        System.err.println("streaming: not measured, " + why);
        report.section("Streamed responses (" + layer.kind() + " layer)", "measure", "value")
                .note("Not measured: " + why.lines().findFirst().orElse(why));
    }

    private static String cell(Samples samples) {
        return ms(samples.p50Millis()) + " / " + ms(samples.p99Millis());
    }

    private static String rate(Received received) {
        return String.format(Locale.ROOT, "%.0f", received.bytes() / 1e6 / (received.allNanos() / 1e9));
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 4_000));
    }

    /** The highest resident set size of a process, read periodically until closed. */
    private static final class PeakRss implements AutoCloseable {

        private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong();

        static PeakRss watch(long pid) {
            PeakRss watch = new PeakRss();
            watch.reader.scheduleAtFixedRate(() -> watch.peak.accumulateAndGet(ProcessMemory.of(pid).rssBytes(),
                    Math::max), 0, MEMORY_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            return watch;
        }

        long peakBytes() {
            return peak.get();
        }

        @Override
        public void close() {
            reader.shutdownNow();
        }
    }
}
