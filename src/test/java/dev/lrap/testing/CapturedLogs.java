package dev.lrap.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Every log line written while it is open, with what the console would show of it: the message, then each
 * exception of the cause chain, joined by {@code |} (the stack frames carry no text of their own).
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    /** The message as the console's {@code %s} writes it. */
    private static final PatternFormatter MESSAGE = new PatternFormatter("%s");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private CapturedLogs() {
        root.addHandler(this);
    }

    public static CapturedLogs open() {
        return new CapturedLogs();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits up to 10 s for a line that contains {@code text}; whether one came. */
    public boolean awaitLineContaining(String text) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lines.stream().noneMatch(line -> line.contains(text))) {
            if (System.nanoTime() > giveUp) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(MESSAGE.format(record));
        for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
            line.append(" | ").append(thrown);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
