package dev.lrap.offload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Every log line written while it is open, with what the console would show of it: the message, then each
 * exception of the cause chain, joined by {@code |} (the stack frames carry no text of their own).
 */
final class CapturedLogs extends Handler implements AutoCloseable {

    /** The message as the console's {@code %s} writes it. */
    private static final PatternFormatter MESSAGE = new PatternFormatter("%s");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private CapturedLogs() {
        root.addHandler(this);
    }

    static CapturedLogs open() {
        return new CapturedLogs();
    }

    List<String> lines() {
        return List.copyOf(lines);
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
