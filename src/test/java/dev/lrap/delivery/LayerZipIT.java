package dev.lrap.delivery;

import static dev.lrap.delivery.Tools.PROJECT;
import static dev.lrap.delivery.Tools.requireTool;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lrap.extension.LrapMain;

/**
 * The layer zip of this build (lrap.layer.zip: the JVM one, or the native one with -Dnative), read as Lambda reads
 * it: unpacked into /opt, every regular file directly in /opt/extensions started as an extension.
 */
class LayerZipIT {

    private static final Path ZIP = Path.of(System.getProperty("lrap.layer.zip"));
    private static final String EXECUTABLE = "rwxr-xr-x";
    /** A class file's major version less this is the Java release it is for: 52 is Java 8, 61 is Java 17. */
    private static final int CLASS_FILE_VERSION_OFFSET = 44;

    /** The zip's own entries, unix modes included. */
    private static FileSystem zip;

    /** Stands in for /opt. */
    @TempDir
    static Path opt;
    private static Path unpacked;

    @BeforeAll
    static void open() throws IOException {
        zip = FileSystems.newFileSystem(ZIP, Map.of("enablePosixFileAttributes", true));
    }

    @AfterAll
    static void close() throws IOException {
        zip.close();
    }

    @Test
    void holdsNothingButExtensions() throws IOException {
        try (Stream<Path> entries = Files.list(zip.getPath("/"))) {
            assertEquals(List.of("/extensions"), entries.map(Path::toString).toList());
        }
    }

    @Test
    void recordsTheModesLambdaNeeds() throws IOException {
        try (Stream<Path> entries = Files.walk(zip.getPath("/extensions"))) {
            assertAll(entries.map(entry -> () -> assertEquals(expectedMode(entry), mode(entry), entry::toString)));
        }
    }

    @Test
    void startsOnlyLrapAsAnExtension() throws IOException {
        try (Stream<Path> files = Files.list(unpacked().resolve("extensions"))) {
            assertEquals(List.of("lrap"), files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).toList());
        }
    }

    /** Lambda unpacks layers keeping the zip's modes, as unzip does. */
    @Test
    void keepsTheScriptsExecutableWhenUnpacked() throws IOException {
        Path extensions = unpacked().resolve("extensions");
        assertAll(Stream.of("lrap", "lrap-wrapper/wrapper").map(extensions::resolve)
                .map(script -> () -> assertEquals(EXECUTABLE, mode(script), script::toString)));
    }

    @Test
    void wrapsWithTheProjectsWrapper() throws IOException {
        assertArrayEquals(Files.readAllBytes(PROJECT.resolve("wrapper.sh")),
                Files.readAllBytes(zip.getPath("/extensions/lrap-wrapper/wrapper")));
    }

    @Test
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-jvm\\.zip")
    void launcherExecsJavaOnTheApplicationNextToIt(@TempDir Path bin) throws IOException {
        Path java = fakeJava(bin);
        Files.createFile(bin.resolve("-Xlog:gc.txt"));
        ProcessBuilder launch = launcher(bin);
        launch.environment().remove("JAVA_HOME");
        launch.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        launch.environment().put("JAVA_TOOL_OPTIONS", "-javaagent:meant-for-the-function.jar");
        launch.environment().put("LRAP_JAVA_OPTS", "-Xmx256m -Xlog:gc*");

        Tools.Result run = Tools.run(launch);

        List<String> lines = run.lines();
        List<String> args = lines.stream().filter(line -> line.startsWith("arg ")).map(line -> line.substring(4)).toList();
        Path jar = unpacked().resolve("extensions/lrap-jvm/quarkus-run.jar");
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.output()),
                () -> assertEquals("pid " + run.pid(), lines.get(0), "exec: the JVM replaces the launcher's shell"),
                () -> assertEquals("java " + java, lines.get(1)),
                () -> assertEquals("JAVA_TOOL_OPTIONS unset", lines.get(2)),
                () -> assertTrue(args.contains("-Dlrap.extension-name=lrap"), args::toString),
                () -> assertEquals("-Xmx256m", args.stream().filter(arg -> arg.startsWith("-Xmx")).reduce((a, b) -> b).orElseThrow(),
                        "LRAP_JAVA_OPTS come last, so they override: " + args),
                () -> assertTrue(args.contains("-Xlog:gc*"), "LRAP_JAVA_OPTS are not globbed: " + args),
                () -> assertEquals(List.of("-jar", jar.toString()), args.subList(args.size() - 2, args.size())),
                () -> assertTrue(Files.isRegularFile(jar), jar::toString));
    }

    @Test
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-jvm\\.zip")
    void launcherPrefersJavaHome(@TempDir Path home) throws IOException {
        Path java = fakeJava(Files.createDirectory(home.resolve("bin")));
        ProcessBuilder launch = launcher(home);
        launch.environment().put("JAVA_HOME", home.toString());

        Tools.Result run = Tools.run(launch);

        assertEquals("java " + java, run.lines().get(1), run.output());
    }

    /**
     * A Java older than lrap's bytecode (a java11 or java8.al2 function's) is refused with the launcher's own line,
     * read from the installation's release file, instead of the JVM's UnsupportedClassVersionError.
     */
    @ParameterizedTest
    @ValueSource(strings = { "1.8.0_392", "11.0.20" })
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-jvm\\.zip")
    void launcherRefusesAJavaOlderThanLrapsBytecode(String version, @TempDir Path home) throws IOException {
        ProcessBuilder launch = launcher(javaHome(home, version));
        launch.environment().put("JAVA_HOME", home.toString());

        Tools.Result run = Tools.run(launch);

        String feature = version.replaceFirst("^1\\.", "").replaceFirst("[^0-9].*", "");
        assertEquals(List.of("lrap stopped: the JVM layer needs Java " + javaOfLrapsBytecode()
                + " or later, and the function's Java is Java " + feature), run.lines(), "no JVM started");
        assertEquals(1, run.exitCode());
    }

    /** A java on the PATH is a link into its installation, where the release file is. */
    @Test
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-jvm\\.zip")
    void launcherFindsTheReleaseOfTheJavaOnThePath(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectory(dir.resolve("usr-bin"));
        Path java = Files.createSymbolicLink(bin.resolve("java"), javaHome(dir.resolve("jdk"), "11.0.20").resolve("bin/java"));
        ProcessBuilder launch = launcher(bin);
        launch.environment().remove("JAVA_HOME");
        launch.environment().put("PATH", bin + ":" + System.getenv("PATH"));

        Tools.Result run = Tools.run(launch);

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().endsWith("the function's Java is Java 11\n"), () -> java + ": " + run.output());
    }

    /** A Java 8 JDK runs from its jre/bin, and its release file is at the JDK's root, one level above the JRE's. */
    @Test
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-jvm\\.zip")
    void launcherFindsTheReleaseOfAJava8JdkRunFromItsJre(@TempDir Path jdk) throws IOException {
        javaHome(jdk, "1.8.0_392");
        Path jre = jdk.resolve("jre");
        Files.move(jdk.resolve("bin"), Files.createDirectory(jre).resolve("bin"));
        ProcessBuilder launch = launcher(jdk);
        launch.environment().put("JAVA_HOME", jre.toString());

        Tools.Result run = Tools.run(launch);

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().endsWith("the function's Java is Java 8\n"), run.output());
    }

    @Test
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-jvm\\.zip")
    void launcherStartsTheJavaOfLrapsBytecode(@TempDir Path home) throws IOException {
        Path java = javaHome(home, javaOfLrapsBytecode() + ".0.9").resolve("bin/java");
        ProcessBuilder launch = launcher(home);
        launch.environment().put("JAVA_HOME", home.toString());

        Tools.Result run = Tools.run(launch);

        assertEquals("java " + java, run.lines().get(1), run.output());
    }

    /** Every option the launcher passes is one this JVM knows: -version makes it stop before the application. */
    @Test
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-jvm\\.zip")
    void theJvmAcceptsTheLaunchersOptions(@TempDir Path cwd) throws IOException {
        ProcessBuilder launch = launcher(cwd);
        launch.environment().put("JAVA_HOME", System.getProperty("java.home"));
        launch.environment().put("LRAP_JAVA_OPTS", "-version");

        Tools.Result run = Tools.run(launch);

        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    @EnabledIfSystemProperty(named = "lrap.layer.zip", matches = ".*-(x86_64|arm64)\\.zip")
    void lrapIsTheNativeExecutable() throws IOException {
        byte[] magic = Arrays.copyOf(Files.readAllBytes(zip.getPath("/extensions/lrap")), 4);
        assertArrayEquals(new byte[] { 0x7f, 'E', 'L', 'F' }, magic);
    }

    /** Directories and the two scripts Lambda runs are executable, the application's files are not. */
    private static String expectedMode(Path entry) {
        return switch (entry.toString()) {
            case "/extensions/lrap", "/extensions/lrap-wrapper/wrapper" -> EXECUTABLE;
            default -> Files.isDirectory(entry) ? EXECUTABLE : "rw-r--r--";
        };
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The layer as Lambda unpacks it, with unzip: that needs unzip installed. */
    private static Path unpacked() {
        if (unpacked == null) {
            requireTool("unzip");
            Tools.Result unzip = Tools.run("unzip", "-q", ZIP.toString(), "-d", opt.toString());
            assertEquals(0, unzip.exitCode(), unzip.output());
            unpacked = opt;
        }
        return unpacked;
    }

    /** The unpacked layer's launcher, to run from {@code cwd}: not its own directory. */
    private static ProcessBuilder launcher(Path cwd) {
        return new ProcessBuilder(unpacked().resolve("extensions/lrap").toString()).directory(cwd.toFile());
    }

    /** A Java installation in {@code home}: a fake java, and the release file of Java {@code version}. */
    private static Path javaHome(Path home, String version) throws IOException {
        fakeJava(Files.createDirectories(home.resolve("bin")));
        Files.writeString(home.resolve("release"), """
                IMPLEMENTOR="Amazon.com Inc."
                JAVA_RUNTIME_VERSION="%1$s"
                JAVA_VERSION="%1$s"
                """.formatted(version));
        return home;
    }

    /** The Java release lrap's classes are compiled for, as the class files of the layer's application say. */
    private static int javaOfLrapsBytecode() throws IOException {
        Path app = unpacked().resolve("extensions/lrap-jvm/app");
        try (Stream<Path> jars = Files.list(app);
                FileSystem jar = FileSystems.newFileSystem(jars.filter(file -> file.toString().endsWith(".jar")).findFirst().orElseThrow())) {
            byte[] main = Files.readAllBytes(jar.getPath("/" + LrapMain.class.getName().replace('.', '/') + ".class"));
            int major = (main[6] & 0xff) << 8 | main[7] & 0xff;
            return major - CLASS_FILE_VERSION_OFFSET;
        }
    }

    /** A java that tells its process id, its path, what it inherited, and its arguments, one per line. */
    private static Path fakeJava(Path bin) throws IOException {
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "pid $$"
                echo "java $0"
                echo "JAVA_TOOL_OPTIONS ${JAVA_TOOL_OPTIONS-unset}"
                for arg; do echo "arg $arg"; done
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString(EXECUTABLE));
        return java;
    }
}
