package dev.lrap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A layer zip unpacked as Lambda unpacks it into {@code /opt}, with unzip, which keeps the scripts executable.
 *
 * @param zip the layer zip
 * @param opt the directory standing in for {@code /opt}
 */
public record Layer(Path zip, Path opt) {

    /** Unpacks {@code zip} into {@code opt}, replacing what an earlier run left there. */
    public static Layer unpack(Path zip, Path opt) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException(zip + " does not exist: ./mvnw package builds the JVM layer");
        }
        deleteRecursively(opt);
        try {
            Files.createDirectories(opt);
            Process unzip = new ProcessBuilder("unzip", "-q", zip.toString(), "-d", opt.toString()).inheritIO().start();
            if (unzip.waitFor() != 0) {
                throw new IllegalStateException("unzip failed on " + zip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run unzip", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Layer(zip, opt);
    }

    /** What Lambda starts: the JVM launcher or the native executable. */
    public Path extension() {
        return opt.resolve("extensions/lrap");
    }

    /** The runtime's {@code AWS_LAMBDA_EXEC_WRAPPER}. */
    public Path wrapper() {
        return opt.resolve("extensions/lrap-wrapper/wrapper");
    }

    /** "JVM" or "native", for headings. */
    public String kind() {
        return Files.isDirectory(opt.resolve("extensions/lrap-jvm")) ? "JVM" : "native";
    }

    public boolean isJvm() {
        return kind().equals("JVM");
    }

    public long zipBytes() {
        return bytes(zip);
    }

    /** The unpacked size of everything the layer adds to {@code /opt}. */
    public long unpackedBytes() {
        return bytes(opt);
    }

    private static long bytes(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
