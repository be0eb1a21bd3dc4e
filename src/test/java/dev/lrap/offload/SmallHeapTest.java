package dev.lrap.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lrap.proxy.EventRejectedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The worst events Lambda can deliver (6 MB) do not exhaust the JVM layer's heap: a JVM with the launcher's memory
 * settings (128 MiB, serial GC, exit on OutOfMemoryError) resolves or rejects each of them, with the default
 * {@code LRAP_MAX_EVENT_SIZE}, against DynamoDB Local running in this JVM.
 */
class SmallHeapTest {

    private static final int LAMBDA_EVENT_LIMIT = 6 * 1024 * 1024;

    @Test
    void worstEventsAreResolvedOrRejectedWithinTheLaunchersHeap(@TempDir Path events) throws Exception {
        try (DynamoDbLocal dynamoDbLocal = DynamoDbLocal.start(); DynamoDbClient dynamoDb = DynamoDbLocal.client(dynamoDbLocal.endpoint())) {
            String large = store(dynamoDb, "\"" + "l".repeat(390_000) + "\"");
            String chunked = store(dynamoDb, Json.literalText(OffloadTesting.randomText(8_000_000, 1)));
            String tiny = store(dynamoDb, "\"tiny\"");
            List<String> expected = new ArrayList<>();
            write(events, "references-to-a-large-record", referencesFilling(large), expected, "rejected");
            write(events, "just-within-the-limit", references(large, 21), expected, "delivered");
            write(events, "an-8-mb-chunked-record", references(chunked, 1), expected, "delivered");
            write(events, "references-to-a-tiny-record", referencesFilling(tiny), expected, "delivered");
            write(events, "escapes-everywhere", "[" + "\"\\u0041\",".repeat(LAMBDA_EVENT_LIMIT / 9 - 1) + "0]", expected, "delivered");
            write(events, "brackets", "[".repeat(LAMBDA_EVENT_LIMIT - 80) + "\"" + ContentReference.to(tiny) + "\"", expected, "rejected");

            Process lrap = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xms32m", "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", System.getProperty("java.class.path"), Resolver.class.getName(),
                    dynamoDbLocal.endpoint().toString(), events.toString())
                    .redirectErrorStream(true).start();
            String output = new String(lrap.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            lrap.waitFor(5, TimeUnit.MINUTES);

            assertEquals(0, lrap.exitValue(), output);
            assertEquals(expected, output.lines().filter(line -> line.startsWith("event ")).toList(), output);
        }
    }

    /** Stands for lrap in the small JVM: hands every event file of a directory, in name order, to the transformer. */
    public static final class Resolver {

        public static void main(String[] args) throws IOException {
            try (DynamoDbClient dynamoDb = DynamoDbLocal.client(URI.create(args[0]));
                    var files = Files.list(Path.of(args[1]))) {
                OffloadTransformer transformer = OffloadTesting.transformer(dynamoDb, Map.of());
                for (Path file : files.sorted().toList()) {
                    byte[] event = Files.readAllBytes(file);
                    String outcome;
                    try {
                        transformer.transformEvent(event, OffloadTesting.invocation());
                        outcome = "delivered";
                    } catch (EventRejectedException e) {
                        outcome = "rejected";
                    }
                    System.out.println("event " + file.getFileName() + " " + outcome);
                }
            }
        }
    }

    private static String store(DynamoDbClient dynamoDb, String json) {
        String id = ContentReference.newId();
        ContentItems.encode(new Content(id, json), Instant.now(), Duration.ofDays(1), Optional.empty())
                .forEach(item -> OffloadTesting.put(dynamoDb, item));
        return id;
    }

    private static String references(String id, int count) {
        return "[\"" + (ContentReference.to(id) + "\",\"").repeat(count - 1) + ContentReference.to(id) + "\"]";
    }

    private static String referencesFilling(String id) {
        return references(id, LAMBDA_EVENT_LIMIT / (ContentReference.LENGTH + 3));
    }

    private static void write(Path events, String name, String event, List<String> expected, String outcome) throws IOException {
        String file = (expected.size() + 1) + "-" + name;
        Files.writeString(events.resolve(file), event);
        expected.add("event " + file + " " + outcome);
    }
}
