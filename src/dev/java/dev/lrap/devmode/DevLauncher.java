package dev.lrap.devmode;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How {@code ./mvnw quarkus:dev} gets its Lambda platform. The quarkus-maven-plugin starts the dev-mode JVM, and only
 * that one, with this class as a Java agent (see pom.xml): before Quarkus starts, it runs the {@link DevEnvironment} in
 * a JVM of its own on the test class path, waits until the environment is ready, hands lrap the settings it reports as
 * dev-profile system properties, and stops it when dev mode ends.
 * <p>
 * A process of its own keeps the environment, its classes and its test-scoped dependencies out of lrap's application,
 * and out of its restart cycle: a live reload restarts lrap, while the simulated execution environment, lrap's
 * registration in it and the function carry on. The agent jar holds this class alone, so it names the environment's
 * class only by name.
 */
public final class DevLauncher {

    /** What the environment prints once it is ready, followed by the settings lrap needs as {@code key=value} pairs. */
    static final String READY = "lrap dev environment ready:";

    static final String ENVIRONMENT = "dev.lrap.devmode.DevEnvironment";

    /** The environment's own shutdown takes up to the two seconds Lambda gives; a little more before giving up on it. */
    private static final long STOP_SECONDS = 5;

    private DevLauncher() {
    }

    /**
     * Runs in the dev-mode JVM before Quarkus.
     *
     * @param classDirectories the test and main class directories, separated like a class path; the class path of the
     *        dependencies is in the file {@code classpath} next to the agent jar
     */
    public static void premain(String classDirectories) throws IOException, URISyntaxException {
        Path home = Path.of(DevLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        String classpath = classDirectories + File.pathSeparator + Files.readString(home.resolve("classpath")).strip();
        Started environment;
        try {
            environment = start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", classpath, ENVIRONMENT));
        } catch (IllegalStateException notReady) {
            // the environment's output, just printed, says why; an agent that throws aborts the JVM with stack traces
            System.out.println(notReady.getMessage());
            System.exit(1);
            return;
        }
        // dev profile only: continuous testing runs in this JVM too, against its own test resources
        environment.settings().forEach((name, value) -> System.setProperty("%dev." + name, value));
        Runtime.getRuntime().addShutdownHook(new Thread(environment::stop, "lrap-dev-environment-stop"));
    }

    /** The line the environment prints once it is ready. */
    static String readyLine(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining(" ", READY + " ", ""));
    }

    /**
     * Starts the environment with {@code command} and waits until it is ready. Its output, stdout and stderr, goes on
     * to this JVM's stdout.
     *
     * @throws IllegalStateException when it ends before it is ready
     */
    static Started start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = process.inputReader();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(READY)) {
                Thread copy = new Thread(() -> copy(output), "lrap-dev-environment-output");
                copy.setDaemon(true);
                copy.start();
                return new Started(process, settings(line.substring(READY.length())));
            }
            System.out.println(line);
        }
        throw new IllegalStateException("The Lambda dev environment ended before it was ready, with exit code "
                + process.onExit().join().exitValue() + "; its output above tells why");
    }

    private static Map<String, String> settings(String pairs) {
        return Arrays.stream(pairs.trim().split(" +"))
                .filter(pair -> !pair.isEmpty())
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static void copy(BufferedReader output) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println(line);
            }
        } catch (IOException ended) {
            // the environment has gone, and its output with it
        }
    }

    /** A ready environment and the settings it reported for lrap. */
    record Started(Process process, Map<String, String> settings) {

        /** SIGTERM, which the environment answers with Lambda's shutdown; SIGKILL if it does not end in time. */
        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
