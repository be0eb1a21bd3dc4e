package dev.lrap.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What to run and where, from the system properties the {@code bench} profile of the pom sets.
 *
 * @param quick a short run, enough to show the harness works but too short for trustworthy figures
 * @param only the benchmarks to run: {@code passthrough}, {@code streaming}, {@code offload}, {@code extension}
 * @param layer the layer zip whose extension is measured: the JVM layer, or a native one
 * @param output the markdown file the results go to; its directory holds everything else a run writes
 * @param profile whether to record lrap's CPU profiles during the passthrough benchmark
 * @param lrapJavaOpts {@code LRAP_JAVA_OPTS} for lrap on the JVM, to try other JVM settings than the launcher's
 * @param cases the passthrough cases to run, as parts of their names ({@code 4 KiB JSON, walked, JDK loop}); empty for all
 */
public record BenchSettings(boolean quick, Set<String> only, Path layer, Path output, boolean profile,
        String lrapJavaOpts, List<String> cases) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(Boolean.getBoolean("bench.quick"),
                Set.of(System.getProperty("bench.only", "passthrough,streaming,offload,extension").split("\\s*,\\s*")),
                Path.of(System.getProperty("bench.layer", "target/lrap-layer-jvm.zip")).toAbsolutePath(),
                Path.of(System.getProperty("bench.output", "target/bench/results.md")).toAbsolutePath(),
                Boolean.getBoolean("bench.profile"),
                System.getProperty("bench.lrapJavaOpts", "").trim(),
                Stream.of(System.getProperty("bench.cases", "").split("\\s*;\\s*")).filter(c -> !c.isBlank()).toList());
    }

    /** Whether the passthrough case named {@code name} is to run. */
    public boolean runsCase(String name) {
        return cases.isEmpty() || cases.stream().anyMatch(name::contains);
    }

    /** The environment variables of an lrap launch: {@code variables}, plus {@code LRAP_JAVA_OPTS} when set. */
    public Map<String, String> lrapEnvironment(Map<String, String> variables) {
        Map<String, String> environment = new HashMap<>(variables);
        if (!lrapJavaOpts.isEmpty()) {
            environment.put("LRAP_JAVA_OPTS", lrapJavaOpts);
        }
        return environment;
    }

    public boolean runs(String benchmark) {
        return only.contains(benchmark);
    }

    /** Where a run keeps its files: the unpacked layer, recordings. */
    public Path workDir() {
        return output.getParent();
    }

    /** A number of iterations: {@code full} normally, {@code quick} in a quick run. */
    public int count(int full, int quick) {
        return this.quick ? quick : full;
    }
}
