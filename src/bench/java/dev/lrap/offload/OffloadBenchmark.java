package dev.lrap.offload;

import static dev.lrap.bench.Report.ms;
import static dev.lrap.bench.Report.size;
import static dev.lrap.offload.OffloadTesting.invocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
 * and read with the SDK alone, and the throughput of the JSON walk on a 6 MiB document.
 */
public final class OffloadBenchmark {

    private static final int[] FIELD_SIZES = { 20 << 10, 400 << 10, 1536 << 10 };
    private static final int DOCUMENT_SIZE = 6 << 20;
    private static final String UNLIMITED = Integer.toString(Integer.MAX_VALUE);

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
        Duration ttl = OffloadTesting.config(Map.of()).offload().contentTtl();
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
        byte[] document = Payloads.conversation(DOCUMENT_SIZE);
        CountingDynamoDb discarding = CountingDynamoDb.discarding();
        OffloadTransformer passing = OffloadTesting.transformer(discarding,
                Map.of("MAX_CONTENT_SIZE", UNLIMITED, "LRAP_MAX_PAYLOAD_SIZE", UNLIMITED));
        OffloadTransformer offloading = OffloadTesting.transformer(discarding, Map.of());
        Report.Section table = report.section("Transform throughput on a " + size(DOCUMENT_SIZE) + " JSON document",
                "transform", "samples", "p50 ms", "MiB/s at p50", "MiB/s at p99");
        throughput(table, "response, nothing to offload (limits above the document)",
                () -> passing.transformResponse(document, invocation()));
        throughput(table, "event, no references to resolve", () -> offloading.transformEvent(document, invocation()));
        discarding.takeCalls();
        byte[] offloaded = offloading.transformResponse(document, invocation());
        long references = new String(offloaded, StandardCharsets.UTF_8).split(ContentReference.PREFIX, -1).length - 1L;
        throughput(table, "response, default limits: " + references + " strings offloaded in " + discarding.takeCalls()
                + " BatchWriteItem calls, **store excluded**", () -> offloading.transformResponse(document, invocation()));
        table.note("In-process, on the document of the 6 MiB JSON passthrough (messages of up to 8,000 characters). "
                + "Store excluded: a DynamoDB client that takes every batch without sending it, so the figure covers "
                + "parsing, the walk, planning (MAX_CONTENT_SIZE, then the largest strings until the response fits "
                + "LRAP_MAX_PAYLOAD_SIZE), building the items and writing the result, but not the SDK's marshalling "
                + "or DynamoDB.");
    }

    private void throughput(Report.Section table, String transform, Supplier<byte[]> operation) {
        int warmUp = settings.count(10, 3);
        int samples = settings.count(30, 5);
        Samples durations = new Samples();
        for (int i = 0; i < warmUp + samples; i++) {
            (i < warmUp ? new Samples() : durations).time(operation);
        }
        double mib = DOCUMENT_SIZE / (double) (1 << 20);
        table.row(transform, samples, ms(durations.p50Millis()), rate(mib / durations.p50Millis() * 1000),
                rate(mib / durations.p99Millis() * 1000));
        System.err.printf("throughput %s: %s ms p50%n", transform, ms(durations.p50Millis()));
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

    private static String rate(double mibPerSecond) {
        return String.format(Locale.ROOT, "%.1f", mibPerSecond);
    }
}
