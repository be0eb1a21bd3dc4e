package dev.lrap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The CPU time a process has used so far, all its threads together, from {@code /proc/<pid>/stat}. */
final class ProcessCpu {

    /** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture it runs Lambda on. */
    private static final long NANOS_PER_TICK = TimeUnit.MILLISECONDS.toNanos(10);

    private ProcessCpu() {
    }

    /** User plus system time, in nanoseconds, at a resolution of 10 ms. */
    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name, in parentheses, may hold blanks: count fields after it (utime and stime are 14 and 15)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CPU time of process " + pid, e);
        }
    }
}
