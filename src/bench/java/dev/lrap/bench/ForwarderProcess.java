package dev.lrap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PlainForwarder}s in a process of their own, as lrap and every other extension runs, so that their hops
 * cross the same process boundaries as lrap's. Inside the benchmark JVM, beside the simulator, the forwarder's hop
 * from the simulator was a hand-over between threads of one process, and it added less than half of what the same
 * forwarder adds as a process (bench/README.md, "Findings"). One process serves the whole benchmark, warmed up
 * before the first payload, so that it stands for a proxy that needs no warm-up.
 * <p>
 * Protocol on standard input, one line each: {@code <host:port>} opens a forwarder to that upstream and answers its
 * own address on standard output; {@code close <address>} closes it again. The end of input ends the process.
 */
public final class ForwarderProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;

    private ForwarderProcess(List<String> command) {
        try {
            this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The JIT and collector of the JVM layer's launcher (src/main/layer/jvm-launcher.sh), so that the forwarder and
     * lrap differ in what they do, not in how their code is compiled; but a heap whose young generation holds the
     * largest payloads several times over, so that the forwarder, which reads bodies into buffers that double as
     * they grow, is not slowed by collections that a leaner proxy would not need. With the launcher's 128 MiB it
     * added 43 ms at 6 MiB, twice what lrap adds.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms512m", "-Xmx1g",
            "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1", "-XX:-UsePerfData",
            "-XX:+ExitOnOutOfMemoryError");

    /** Starts the process on this JVM and class path. */
    static ForwarderProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForwarderProcess.class.getName()));
        return new ForwarderProcess(command);
    }

    /** Opens a forwarder to {@code upstream} and returns where to send requests instead. */
    String open(String upstream) {
        return command(upstream);
    }

    /** Closes the forwarder at {@code address}, cutting its long polls. */
    void close(String address) {
        command("close " + address);
    }

    /** Sends one command line and returns the process's answer to it. */
    private synchronized String command(String line) {
        commands.println(line);
        try {
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("The forwarder process ended");
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For its CPU time. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        commands.close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, PlainForwarder> open = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("close ")) {
                String address = line.substring("close ".length());
                open.remove(address).close();
                System.out.println(address);
            } else {
                PlainForwarder forwarder = PlainForwarder.start(line);
                open.put(forwarder.address(), forwarder);
                System.out.println(forwarder.address());
            }
            System.out.flush();
        }
        open.values().forEach(PlainForwarder::close);
    }
}
