package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.invocation;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.lrap.bench.Payloads;

/**
 * JMH benchmarks of lrap's transforms on one large JSON document, in-process: what the JSON side of lrap can do
 * per second, without HTTP and without DynamoDB (a client that takes every batch without sending it).
 * {@link OffloadBenchmark} runs them and reports the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TransformThroughput {

    /** The document: the 6 MiB JSON of the passthrough benchmark, messages of up to 8,000 characters. */
    static final int DOCUMENT_SIZE = 6 << 20;
    private static final String UNLIMITED = Integer.toString(Integer.MAX_VALUE);

    private byte[] document;
    private OffloadTransformer reading;
    private OffloadTransformer offloading;

    @Setup
    public void setUp() {
        document = Payloads.conversation(DOCUMENT_SIZE);
        CountingDynamoDb discarding = CountingDynamoDb.discarding();
        reading = OffloadTesting.transformer(discarding, Map.of(
                "MAX_CONTENT_SIZE", Integer.toString(Payloads.longestString(document) + 1),
                "LRAP_MAX_PAYLOAD_SIZE", UNLIMITED));
        offloading = OffloadTesting.transformer(discarding, Map.of());
    }

    /** A response whose strings are all within MAX_CONTENT_SIZE, which lrap has to read through to know. */
    @Benchmark
    public byte[] responseNothingToOffload() {
        return reading.transformResponse(document, invocation());
    }

    /** An event without references, with the default settings. */
    @Benchmark
    public byte[] eventWithoutReferences() {
        return offloading.transformEvent(document, invocation());
    }

    /** A response with the default limits, which move many of its strings out; the store is excluded. */
    @Benchmark
    public byte[] responseOffloadingStoreExcluded() {
        return offloading.transformResponse(document, invocation());
    }
}
