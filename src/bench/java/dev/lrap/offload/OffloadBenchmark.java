package dev.lrap.offload;

import static dev.lrap.bench.Report.ms;
import static dev.lrap.bench.Report.size;
import static dev.lrap.offload.OffloadTesting.invocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.util.Version;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.bench.BenchSettings;
import dev.lrap.bench.Payloads;
import dev.lrap.bench.Report;
import dev.lrap.bench.Samples;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What offloading costs, measured in-process on lrap's own classes (the benchmark JVM has the JIT and GC settings
 * of the JVM layer): storing and resolving one large string against DynamoDB Local, beside the same items written
 * and read with the SDK alone, and, with JMH ({@link TransformThroughput}), the throughput of the JSON walk on a
 * 6 MiB document.
 */
public final class OffloadBenchmark {

    private static final int[] FIELD_SIZES = { 20 << 10, 400 << 10, 1536 << 10 };
    /** The JVM options of the JVM layer's launcher, and the log manager of Quarkus. */
    private static final List<String> LRAP_JVM = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx128m",
            "-XX:TieredStopAtLevel=1", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    /** One set of samples per operation; warm-up rounds go to a set nobody reads. */
    private record Round(Samples offload, Samples write, Samples resolve, Samples read) {
        Round() {
            this(new Samples(), new Samples(), new Samples(), new Samples());
        }
    }

    private final BenchSettings settings;
    private final Report report;

    private OffloadBenchmark(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    public static void run(BenchSettings settings, Report report) {
        OffloadBenchmark benchmark = new OffloadBenchmark(settings, report);
        benchmark.storeAndResolve();
        benchmark.walkThroughput();
    }

    private void storeAndResolve() {
        Report.Section table = report.section("Offload and resolve one string against DynamoDB Local",
                "string", "samples", "offload p50 / p99 ms", "DynamoDB alone: write p50 / p99 ms", "lrap's share p50 ms",
                "resolve p50 / p99 ms", "DynamoDB alone: read p50 / p99 ms", "lrap's share p50 ms",
                "DynamoDB calls offload / resolve", "stored as");
        Duration ttl = OffloadTesting.config(Map.of()).contentTtl();
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start();
                DynamoDbClient sdk = DynamoDbLocal.client(dynamoDb.endpoint());
                CountingDynamoDb counted = CountingDynamoDb.of(DynamoDbLocal.client(dynamoDb.endpoint()))) {
            OffloadTransformer transformer = OffloadTesting.transformer(counted, Map.of());
            for (int size : FIELD_SIZES) {
                Round measured = new Round();
                int warmUp = warmUp(size);
                int samples = settings.count(size < 100 << 10 ? 300 : size < 1 << 20 ? 100 : 50, 10);
                List<Map<String, AttributeValue>> items = List.of();
                int[] calls = new int[2];
                for (int i = 0; i < warmUp + samples; i++) {
                    Round round = i < warmUp ? new Round() : measured;
                    // a new text every time: lrap would refer again to a value it stored lately
                    String text = Payloads.text(size, i);
                    byte[] response = OffloadTesting.bytes(JsonNodeFactory.instance.objectNode().put("content", text));
                    byte[] offloaded = round.offload().time(() -> transformer.transformResponse(response, invocation()));
                    calls[0] = counted.takeCalls();
                    byte[] resolved = round.resolve().time(() -> transformer.transformEvent(offloaded, invocation()));
                    calls[1] = counted.takeCalls();
                    if (!Arrays.equals(resolved, response)) {
                        throw new IllegalStateException("The resolved event differs from the response that was offloaded");
                    }
                    String id = OffloadTesting.recordId(OffloadTesting.json(offloaded).get("content"));
                    items = ContentItems.encode(new Content(id, Json.literalText(text)), Instant.now(), ttl, Optional.empty());
                    List<Map<String, AttributeValue>> written = items;
                    round.write().time(() -> write(sdk, written));
                    round.read().time(() -> read(sdk, written));
                    delete(sdk, items);
                }
                table.row(size(size), samples, cell(measured.offload()), cell(measured.write()),
                        ms(measured.offload().p50Millis() - measured.write().p50Millis()),
                        cell(measured.resolve()), cell(measured.read()),
                        ms(measured.resolve().p50Millis() - measured.read().p50Millis()),
                        calls[0] + " / " + calls[1], storedAs(items));
                System.err.printf("offload %s: offload %s, write alone %s ms p50%n", size(size),
                        ms(measured.offload().p50Millis()), ms(measured.write().p50Millis()));
            }
        }
        table.note("Offload: OffloadTransformer.transformResponse on {\"content\": <string>} with the default settings, "
                + "in the benchmark JVM; resolve: transformEvent on the result, which holds the reference. Each round "
                + "stores a new text of words (compressible about like prose), after " + warmUps() + " warm-up rounds.")
                .note("DynamoDB alone: the very items lrap stored, written and read back with the SDK (same HTTP "
                        + "client) in one call each: PutItem and GetItem for one item, BatchWriteItem and BatchGetItem "
                        + "for a manifest and its chunks. No single item holds the whole string past DynamoDB's 400 KB "
                        + "item limit.")
                .note("lrap's share = lrap p50 − DynamoDB alone p50: JSON, item encoding (gzip and SHA-256 past 400 KB), "
                        + "and for chunked values a second read, the manifest first and then its chunks.")
                .note("DynamoDB Local runs embedded in the benchmark JVM: its own work competes for the same cores.");
    }

    private int warmUp(int size) {
        return settings.count(size < 1 << 20 ? 30 : 10, 3);
    }

    private String warmUps() {
        return Arrays.stream(FIELD_SIZES).mapToObj(size -> warmUp(size) + " (" + size(size) + ")")
                .collect(Collectors.joining(", "));
    }

    private void walkThroughput() {
        byte[] document = Payloads.conversation(TransformThroughput.DOCUMENT_SIZE);
        CountingDynamoDb discarding = CountingDynamoDb.discarding();
        byte[] offloaded = OffloadTesting.transformer(discarding, Map.of()).transformResponse(document, invocation());
        long references = new String(offloaded, StandardCharsets.UTF_8).split(ContentReference.PREFIX, -1).length - 1L;
        Map<String, String> transforms = Map.of(
                "responseNothingToOffload", "response, nothing to offload (MAX_CONTENT_SIZE one above its longest string)",
                "eventWithoutReferences", "event, no references to resolve",
                "responseOffloadingStoreExcluded", "response, default limits: " + references + " strings offloaded in "
                        + discarding.takeCalls() + " BatchWriteItem calls, **store excluded**");
        Report.Section table = report.section("Transform throughput on a " + size(TransformThroughput.DOCUMENT_SIZE)
                + " JSON document (JMH)", "transform", "samples", "p50 ms", "mean ± error ms", "MiB/s at p50",
                "MiB/s at p99");
        for (RunResult result : runJmh()) {
            String method = result.getParams().getBenchmark();
            Statistics statistics = result.getPrimaryResult().getStatistics();
            table.row(transforms.get(method.substring(method.lastIndexOf('.') + 1)), statistics.getN(),
                    ms(statistics.getPercentile(50)),
                    ms(statistics.getMean()) + " ± " + ms(result.getPrimaryResult().getScoreError()),
                    rate(statistics.getPercentile(50)), rate(statistics.getPercentile(99)));
        }
        table.note("JMH " + Version.getPlainVersion() + ", sample-time mode: each call of transformResponse or "
                + "transformEvent is timed, in a forked JVM with the JIT, GC and heap of the JVM layer's launcher ("
                + String.join(" ", LRAP_JVM) + "), after " + jmhWarmUps() + " s of warm-up, for " + jmhIterations()
                + " s; error: JMH's 99.9 % confidence interval.")
                .note("On the document of the 6 MiB JSON passthrough (messages of up to 8,000 characters). Store "
                        + "excluded: a DynamoDB client that takes every batch without sending it, so the figure covers "
                        + "parsing, the walk, planning (MAX_CONTENT_SIZE, then the largest strings until the response "
                        + "fits LRAP_MAX_PAYLOAD_SIZE), building the items and writing the result, but not the SDK's "
                        + "marshalling or DynamoDB.");
    }

    private Collection<RunResult> runJmh() {
        // other JMH runs on the machine do not disturb this one's figures more than any other load would
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder().include(TransformThroughput.class.getName())
                .forks(1).jvmArgs(LRAP_JVM.toArray(String[]::new))
                .warmupIterations(jmhWarmUps()).warmupTime(TimeValue.seconds(1))
                .measurementIterations(jmhIterations()).measurementTime(TimeValue.seconds(1))
                .build();
        try {
            return new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed", e);
        }
    }

    private int jmhWarmUps() {
        return settings.count(5, 1);
    }

    private int jmhIterations() {
        return settings.count(10, 2);
    }

    private static DynamoDbResponse write(DynamoDbClient sdk, List<Map<String, AttributeValue>> items) {
        if (items.size() == 1) {
            return sdk.putItem(put -> put.tableName(DynamoDbLocal.TABLE).item(items.get(0)));
        }
        return sdk.batchWriteItem(batch -> batch.requestItems(Map.of(DynamoDbLocal.TABLE, items.stream()
                .map(item -> WriteRequest.builder().putRequest(put -> put.item(item)).build()).toList())));
    }

    private static DynamoDbResponse read(DynamoDbClient sdk, List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> keys = items.stream().map(OffloadBenchmark::key).toList();
        if (keys.size() == 1) {
            return sdk.getItem(get -> get.tableName(DynamoDbLocal.TABLE).key(keys.get(0)).consistentRead(true));
        }
        return sdk.batchGetItem(batch -> batch.requestItems(Map.of(DynamoDbLocal.TABLE,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
    }

    private static void delete(DynamoDbClient sdk, List<Map<String, AttributeValue>> items) {
        sdk.batchWriteItem(batch -> batch.requestItems(Map.of(DynamoDbLocal.TABLE, items.stream()
                .map(item -> WriteRequest.builder().deleteRequest(delete -> delete.key(key(item))).build())
                .toList())));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(ContentItems.ID, item.get(ContentItems.ID));
    }

    private static String storedAs(List<Map<String, AttributeValue>> items) {
        long bytes = items.stream().flatMap(item -> item.values().stream()).mapToLong(OffloadBenchmark::bytes).sum();
        String shape = items.size() == 1 ? "1 item" : "manifest + " + (items.size() - 1) + " chunks";
        return shape + ", " + size(bytes);
    }

    /** The bytes of a string or binary value, 0 for a number. */
    private static long bytes(AttributeValue value) {
        return value.s() != null ? value.s().length() : value.b() != null ? value.b().asByteArrayUnsafe().length : 0;
    }

    private static String cell(Samples samples) {
        return ms(samples.p50Millis()) + " / " + ms(samples.p99Millis());
    }

    /** MiB/s of the document for one transform taking {@code millis}. */
    private static String rate(double millis) {
        return String.format(Locale.ROOT, "%.1f", TransformThroughput.DOCUMENT_SIZE / (double) (1 << 20) / millis * 1000);
    }
}
