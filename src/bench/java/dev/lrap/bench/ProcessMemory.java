package dev.lrap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process' memory as Linux accounts it, from {@code /proc/<pid>/status}.
 *
 * @param rssBytes resident set size now ({@code VmRSS})
 * @param peakRssBytes the largest resident set size so far ({@code VmHWM})
 */
public record ProcessMemory(long rssBytes, long peakRssBytes) {

    public static ProcessMemory of(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new ProcessMemory(kilobytes(status, "VmRSS") * 1024, kilobytes(status, "VmHWM") * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the memory of process " + pid, e);
        }
    }

    private static long kilobytes(String status, String field) {
        return status.lines()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).replace("kB", "").trim())
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + field + " in /proc/<pid>/status"));
    }
}
