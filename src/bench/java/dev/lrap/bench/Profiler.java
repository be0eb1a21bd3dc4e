package dev.lrap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU profiles of a running JVM (lrap's) with async-profiler, loaded into it through {@code jcmd JVMTI.agent_load}
 * around one measurement. Its samples, unlike JFR's execution samples, also land in native code, in the kernel and
 * in the JVM's own threads (garbage collection, the JIT compiler), which is where much of a proxy's time goes. The
 * {@code bench} profile of the pom puts async-profiler's jar, which carries the native library, on the class path.
 */
final class Profiler {

    private final long pid;
    private final Path dir;
    private final Path library;

    private Profiler(long pid, Path dir, Path library) {
        this.pid = pid;
        this.dir = dir;
        this.library = library;
    }

    /** A profiler for the JVM with this pid, or empty when async-profiler has no library for this platform. */
    static Optional<Profiler> of(long pid, Path dir) {
        String platform = "linux-" + (System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x64");
        try (InputStream in = Profiler.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
            if (in == null) {
                System.err.println("No async-profiler library for " + platform + " on the class path: no profiles");
                return Optional.empty();
            }
            Files.createDirectories(dir);
            Path library = dir.resolve("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new Profiler(pid, dir, library));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts sampling every millisecond of CPU time. */
    void start() {
        load("start,event=cpu,interval=1ms");
    }

    /** Stops sampling, writes a flame graph {@code <name>.html} for people and returns the profile. */
    Profile stop(String name) {
        Path flameGraph = dir.resolve(name + ".html");
        Path stacks = dir.resolve(name + ".collapsed");
        load("dump,file=" + flameGraph);
        load("stop,collapsed,file=" + stacks);
        return Profile.read(stacks, dir.getParent().relativize(flameGraph));
    }

    private void load(String options) {
        // quoted, or jcmd takes the option's "key=value" parts for arguments of its own
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "JVMTI.agent_load", library.toString(), "\"" + options + "\""));
        try {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0 || !output.contains("return code: 0")) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
