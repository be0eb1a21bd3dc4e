package dev.lrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The layer zip this build made ({@code lrap.layer.zip}: the JVM layer, or the native one with {@code -Dnative}),
 * unpacked as Lambda unpacks it into {@code /opt}: with {@code unzip}, which keeps the scripts' modes.
 */
final class Layer implements AutoCloseable {

    private final Path opt;

    private Layer(Path opt) {
        this.opt = opt;
    }

    static Layer unpack() {
        Path zip = Path.of(System.getProperty("lrap.layer.zip", "target/lrap-layer-jvm.zip"));
        try {
            Path opt = Files.createTempDirectory("lrap-layer-");
            Process unzip = new ProcessBuilder("unzip", "-q", zip.toString(), "-d", opt.toString())
                    .redirectErrorStream(true).start();
            String output = new String(unzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (unzip.waitFor() != 0) {
                throw new IllegalStateException("Cannot unzip " + zip + ": " + output);
            }
            return new Layer(opt);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unzip " + zip + " (is unzip installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What Lambda starts as the extension {@code lrap}: every file in /opt/extensions is one. */
    Path extension() {
        return opt.resolve("extensions/lrap");
    }

    /** What the function's {@code AWS_LAMBDA_EXEC_WRAPPER} names. */
    Path wrapper() {
        return opt.resolve("extensions/lrap-wrapper/wrapper");
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(opt)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
