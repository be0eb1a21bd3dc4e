package dev.lrap.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The native-image command line Quarkus derives from the pom's native settings for this machine's architecture,
 * written by the native-image-args execution without GraalVM: checked here on every build, native or not.
 */
class NativeImageArgsIT {

    private static List<String> args;

    @BeforeAll
    static void read() throws IOException {
        args = List.of(Files.readString(Path.of(System.getProperty("lrap.native-image.args"))).trim().split("\\s+"));
    }

    /** No libc needed at all: runs on Amazon Linux 2 and 2023 alike, on any x86-64 CPU Lambda may have. */
    @Test
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64")
    void x86_64IsFullyStaticWithMusl() {
        assertTrue(args.containsAll(List.of("--static", "--libc=musl", "-march=compatibility")), args::toString);
    }

    /** GraalVM cannot link statically with musl on aarch64: glibc stays the one dynamic library. */
    @Test
    @EnabledIfSystemProperty(named = "os.arch", matches = "aarch64")
    void arm64LinksOnlyGlibcDynamically() {
        assertTrue(args.contains("-H:+StaticExecutableWithDynamicLibC"), args::toString);
        assertFalse(args.contains("--static"), args::toString);
    }
}
