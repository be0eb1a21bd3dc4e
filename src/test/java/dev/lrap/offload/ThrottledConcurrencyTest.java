package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.json;
import static dev.lrap.offload.OffloadTesting.randomText;
import static dev.lrap.offload.OffloadTesting.recordId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.lrap.proxy.EventRejectedException;
import dev.lrap.proxy.InvocationContext;

/**
 * Many invocations of one environment at once ({@code AWS_LAMBDA_MAX_CONCURRENCY}) resolve the same record, or
 * offload the same content, while DynamoDB throttles every other batch call of theirs: each handler gets the content
 * or a clear failure, and each response is either offloaded to items that were written or passed unchanged.
 */
class ThrottledConcurrencyTest {

    @RegisterExtension
    static final LocalTable TABLE = LocalTable.behindADoor(Map.of("AWS_MAX_ATTEMPTS", "2"));

    private static final int INVOCATIONS = 8;


    @AfterEach
    void openTheDoor() {
        TABLE.door().answer((operation, body) -> Optional.empty());
    }

    @Test
    void everyEventGetsTheContentOrAClearFailure() {
        String content = chunkedContent(1);
        String reference = offloaded(TABLE.transformer().transformResponse(response(content), invocation("writer"))).textValue();
        byte[] event = bytes(JsonNodeFactory.instance.objectNode().put("input", reference));
        AtomicInteger reads = throttleEveryOther("BatchGetItem");

        List<Optional<String>> handed = atOnce(n -> () -> {
            try {
                return Optional.of(json(TABLE.transformer().transformEvent(event, invocation("reader-" + n))).get("input").textValue());
            } catch (EventRejectedException failure) {
                assertEquals(OffloadTransformer.RESOLUTION_FAILED, failure.errorType());
                return Optional.empty();
            }
        });

        handed.forEach(handedContent -> handedContent.ifPresent(text -> assertEquals(content, text)));
        assertTrue(reads.get() > 1, "some reads were throttled");
    }

    @Test
    void everyResponseIsOffloadedToWrittenItemsOrPassedUnchanged() {
        // content no invocation resolved yet, so every response writes it anew
        String content = chunkedContent(2);
        byte[] response = response(content);
        AtomicInteger writes = throttleEveryOther("BatchWriteItem");

        List<byte[]> sent = atOnce(n -> () -> TABLE.transformer().transformResponse(response, invocation("responder-" + n)));

        openTheDoor();
        assertTrue(writes.get() > 1, "some writes were throttled");
        // a response that is not the one the runtime posted was offloaded: its record must resolve
        sent.stream().filter(body -> body != response).forEach(body -> {
            byte[] event = bytes(JsonNodeFactory.instance.objectNode().put("input", offloaded(body).textValue()));
            assertEquals(content, json(TABLE.transformer().transformEvent(event, invocation("check"))).get("input").textValue());
        });
    }

    /** Large and random enough to be stored in chunks, so a resolution reads in two rounds. */
    private static String chunkedContent(long seed) {
        return randomText(600_000, seed);
    }

    private static byte[] response(String content) {
        return bytes(JsonNodeFactory.instance.objectNode().put("value", content));
    }

    private static JsonNode offloaded(byte[] response) {
        JsonNode reference = json(response).get("value");
        recordId(reference);
        return reference;
    }

    /** Leaves every other call of {@code operation} wholly unprocessed, from the first on; counts the calls. */
    private static AtomicInteger throttleEveryOther(String operation) {
        AtomicInteger calls = new AtomicInteger();
        TABLE.door().answer((called, body) -> called.equals(operation) && calls.getAndIncrement() % 2 == 0
                ? Optional.of(DynamoDbDoor.noneProcessed(called, body))
                : Optional.empty());
        return calls;
    }

    /** The outcomes of {@value #INVOCATIONS} invocations run at once. */
    private static <T> List<T> atOnce(IntFunction<Callable<T>> invocation) {
        ExecutorService runtimes = Executors.newFixedThreadPool(INVOCATIONS);
        try {
            List<Future<T>> outcomes = runtimes.invokeAll(IntStream.range(0, INVOCATIONS).mapToObj(invocation).toList());
            return outcomes.stream().map(ThrottledConcurrencyTest::outcome).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            runtimes.shutdownNow();
        }
    }

    private static <T> T outcome(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new AssertionError("an invocation failed otherwise than the test allows", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static InvocationContext invocation(String requestId) {
        return new InvocationContext(requestId, OptionalLong.of(System.currentTimeMillis() + 30_000), Map.of());
    }
}
