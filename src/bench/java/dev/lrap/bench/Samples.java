package dev.lrap.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The measured durations of one operation. Benchmarks here take thousands of samples at most, so all of them are
 * kept and percentiles are exact (nearest rank) rather than estimated.
 */
public final class Samples {

    private long[] nanos = new long[1024];
    private int count;

    /** Runs {@code operation}, records how long it took and returns its result. */
    public <T> T time(Supplier<T> operation) {
        long start = System.nanoTime();
        T result = operation.get();
        add(System.nanoTime() - start);
        return result;
    }

    public void add(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    /** These samples and {@code other}'s together. */
    public Samples with(Samples other) {
        Samples both = new Samples();
        both.nanos = Arrays.copyOf(nanos, count + other.count);
        System.arraycopy(other.nanos, 0, both.nanos, count, other.count);
        both.count = count + other.count;
        return both;
    }

    public int count() {
        return count;
    }

    public double p50Millis() {
        return percentileMillis(50);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    /** The smallest sample that at least {@code percent} % of the samples do not exceed. */
    public double percentileMillis(double percent) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
