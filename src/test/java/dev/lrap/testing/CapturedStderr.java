package dev.lrap.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What is written to {@code System.err} while it is open: lrap's FATAL lines go there directly, not through the log,
 * so that they survive a logging system that failed to start.
 */
public final class CapturedStderr implements AutoCloseable {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream original = System.err;

    private CapturedStderr() {
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
    }

    public static CapturedStderr open() {
        return new CapturedStderr();
    }

    public String text() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
