package dev.lrap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A CPU profile as async-profiler's collapsed stacks, one line per distinct stack from the thread's root to the frame
 * that was running, with its number of samples.
 *
 * @param stacks samples per stack, frames root first
 * @param flameGraph where the same profile is drawn as a flame graph
 */
record Profile(Map<List<String>, Long> stacks, Path flameGraph) {

    static Profile read(Path collapsed, Path flameGraph) {
        try (var lines = Files.lines(collapsed)) {
            Map<List<String>, Long> stacks = lines.filter(line -> !line.isBlank()).collect(Collectors.toMap(
                    line -> List.of(line.substring(0, line.lastIndexOf(' ')).split(";")),
                    line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim()), Long::sum));
            return new Profile(stacks, flameGraph);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + collapsed, e);
        }
    }

    long samples() {
        return stacks.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The share of samples per frame that was running: where the CPU time itself went. */
    Map<String, Double> selfTime() {
        return shares(stack -> readable(stack.get(stack.size() - 1)));
    }

    /**
     * The share of samples per activity: the JIT compiler, garbage collection and other JVM operations, or else the
     * library whose code was running or had called into the JDK, native code or the kernel (its package, three levels
     * deep, as {@code com.fasterxml.jackson} or {@code dev.lrap.offload}).
     */
    Map<String, Double> byActivity() {
        return shares(Profile::activity);
    }

    /** The share of samples in the kernel: system calls, socket reads and writes above all, and thread switches. */
    double kernelShare() {
        return shares(stack -> stack.get(stack.size() - 1).endsWith("_[k]") ? "kernel" : "user")
                .getOrDefault("kernel", 0.0);
    }

    private Map<String, Double> shares(Function<List<String>, String> key) {
        double total = samples();
        return stacks.entrySet().stream()
                .collect(Collectors.groupingBy(stack -> key.apply(stack.getKey()),
                        Collectors.summingLong(Map.Entry::getValue)))
                .entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> 100 * entry.getValue() / total, (a, b) -> a,
                        LinkedHashMap::new));
    }

    private static String activity(List<String> stack) {
        if (stack.stream().anyMatch(frame -> frame.startsWith("CompileBroker::"))) {
            return "JIT compiler";
        }
        // the serial collector works in the VM thread, the others in worker threads of their own
        if (stack.stream().anyMatch(frame -> frame.startsWith("VMThread::") || frame.startsWith("WorkerThread::")
                || frame.startsWith("ConcurrentGCThread::"))) {
            return "GC and JVM operations";
        }
        for (int i = stack.size() - 1; i >= 0; i--) {
            String type = javaType(stack.get(i));
            if (type != null && !type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return library(type);
            }
        }
        return "JDK and native code alone";
    }

    /** The first three parts of the package: {@code io.netty.buffer}, {@code dev.lrap.proxy}. */
    private static String library(String type) {
        List<String> parts = Arrays.asList(type.split("\\."));
        return String.join(".", parts.subList(0, Math.min(3, parts.size() - 1)));
    }

    /** The class of a Java frame ({@code io/vertx/core/Foo.bar}), dotted, or null for a native or kernel frame. */
    private static String javaType(String frame) {
        int method = frame.lastIndexOf('.');
        boolean nativeOrKernel = frame.contains(" ") || frame.contains("::") || frame.endsWith("_[k]");
        if (method < 0 || nativeOrKernel || !frame.contains("/")) {
            return null;
        }
        return frame.substring(0, method).replace('/', '.');
    }

    private static String readable(String frame) {
        return javaType(frame) != null ? frame.replace('/', '.') : frame;
    }
}
