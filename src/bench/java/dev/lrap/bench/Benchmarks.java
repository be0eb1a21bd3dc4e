package dev.lrap.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.lrap.offload.OffloadBenchmark;

/**
 * Runs the benchmarks the settings ask for (see {@link BenchSettings} and bench/README.md), prints the results as
 * markdown and writes them to the output file. Started by {@code ./mvnw -Pbench verify}; benchmarks measure and
 * report, they never fail on a figure.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        // Vert.x and DynamoDB Local leave non-daemon threads behind: only an explicit exit ends the JVM
        try {
            run(BenchSettings.fromSystemProperties());
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(BenchSettings settings) throws IOException {
        Instant start = Instant.now();
        Report report = new Report();
        report.context("Run of " + start.truncatedTo(ChronoUnit.SECONDS) + (settings.quick()
                ? ", **quick**: enough to show the harness works, too few samples for figures to trust"
                : ", full"));
        report.context("Build " + build());
        report.context(Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage()
                + " at the start; Java " + System.getProperty("java.version") + ", benchmark JVM with "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(argument -> argument.startsWith("-XX:") || argument.startsWith("-Xmx")).toList()));
        Layer layer = Layer.unpack(settings.layer(), settings.workDir().resolve("opt"));
        report.context("Layer " + settings.layer().getFileName() + " (" + layer.kind() + ")"
                + (layer.isJvm() ? ", lrap on the same Java" : "")
                + (settings.lrapJavaOpts().isEmpty() ? "" : ", LRAP_JAVA_OPTS=" + settings.lrapJavaOpts()));
        if (settings.runs("passthrough")) {
            PassthroughBenchmark.run(settings, layer, report);
        }
        if (settings.runs("streaming")) {
            StreamingBenchmark.run(settings, layer, report);
        }
        if (settings.runs("offload")) {
            OffloadBenchmark.run(settings, report);
        }
        if (settings.runs("extension")) {
            ExtensionBenchmark.run(settings, layer, report);
        }
        report.context("Load average " + loadAverage() + " at the end, after "
                + Duration.between(start, Instant.now()).toSeconds() + " s: anything near or above the core count means "
                + "other work shared the machine and the figures are noisy");
        String markdown = report.markdown();
        Files.createDirectories(settings.output().getParent());
        Files.writeString(settings.output(), markdown);
        System.out.println(markdown);
        System.out.println("Written to " + settings.output());
    }

    /** The commit the benchmarks were built from, marked when the work tree had changes: what the report is named by. */
    private static String build() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String described = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? described : "unknown (not a git work tree)";
        } catch (IOException e) {
            return "unknown (no git)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
