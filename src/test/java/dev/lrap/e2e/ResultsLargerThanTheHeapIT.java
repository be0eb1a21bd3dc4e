package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.LambdaApi;
import dev.lrap.e2e.functions.JsonOfSize;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;
import dev.lrap.testing.StreamingRuntime;

/**
 * A buffered result far larger than Lambda takes, and than lrap's heap, reaches Lambda, which refuses it as it would
 * without lrap, and lrap lives on: it holds no body whole past Lambda's limit, whether the runtime announces its length
 * or sends it chunked, nor more such bodies at once than its heap takes, however many runtimes post at the same time.
 */
class ResultsLargerThanTheHeapIT {

    private static final int RESULT_BYTES = 128 * 1024 * 1024;
    /** Room for the 16 MiB lrap holds of a result of unknown length before it knows it is too large to hold. */
    private static final String SMALL_HEAP = "-Xms16m -Xmx48m";
    private static final int RUNTIMES = 8;

    /** AWS's Java runtime client, which announces the length of every result. */
    @RegisterExtension
    static final LambdaEnvironment javaRuntime = LambdaEnvironment.of(JsonOfSize.class).with("LRAP_JAVA_OPTS", SMALL_HEAP).build();

    /** A runtime the test plays, which sends its result chunked. */
    @RegisterExtension
    static final LambdaEnvironment chunkingRuntime = LambdaEnvironment.of(FunctionRuntime.playedByTest("ChunkingRuntime"))
            .with("LRAP_JAVA_OPTS", SMALL_HEAP).build();

    /** The runtimes of a Lambda Managed Instance, which post results at the same time, with the JVM layer's heap. */
    @RegisterExtension
    static final LambdaEnvironment concurrentRuntimes = LambdaEnvironment.of(FunctionRuntime.playedByTest("ConcurrentRuntimes"))
            .maxConcurrency(RUNTIMES).build();

    @Test
    void aResultOfAnnouncedLengthReachesLambdaWhichRefusesIt() {
        InvocationResult result = javaRuntime.invoke(Integer.toString(RESULT_BYTES));

        assertEquals(Outcome.RESPONSE_TOO_LARGE, result.outcome());
        assertTrue(javaRuntime.lrap().isAlive(), "lrap lives on");
    }

    @Test
    void aChunkedResultReachesLambdaWhichRefusesIt() throws Exception {
        CompletableFuture<InvocationResult> result = chunkingRuntime.invokeAsync(Invocation.of("{}"));
        byte[] document = JsonOfSize.document(RESULT_BYTES);
        byte[] chunk = new byte[64 * 1024];
        String requestId = StreamedResponseIT.next(chunkingRuntime);

        try (StreamingRuntime runtime = StreamingRuntime.chunked(StreamedResponseIT.lrapPort(chunkingRuntime),
                LambdaApi.INVOCATION + "/" + requestId + "/response")) {
            for (int from = 0; from < document.length; from += chunk.length) {
                System.arraycopy(document, from, chunk, 0, chunk.length);
                runtime.send(chunk);
            }
            assertEquals(413, runtime.end(List.of()).answer().status());
        }
        assertEquals(Outcome.RESPONSE_TOO_LARGE, result.join().outcome());
        assertTrue(chunkingRuntime.lrap().isAlive(), "lrap lives on");
    }

    /** Results of 15 MiB, each one lrap could hold, sent all but their ends before any ends: 120 MiB at once. */
    @Test
    void resultsThatTogetherOutgrowTheHeapReachLambdaWhichRefusesThem() throws Exception {
        List<CompletableFuture<InvocationResult>> results = new ArrayList<>();
        List<StreamingRuntime> runtimes = new ArrayList<>();
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < RUNTIMES; i++) {
            results.add(concurrentRuntimes.invokeAsync(Invocation.of("{}")));
            String requestId = StreamedResponseIT.next(concurrentRuntimes);
            StreamingRuntime runtime = StreamingRuntime.chunked(StreamedResponseIT.lrapPort(concurrentRuntimes),
                    LambdaApi.INVOCATION + "/" + requestId + "/response");
            runtimes.add(runtime);
            for (int sent = 0; sent < 15 * 1024 * 1024; sent += chunk.length) {
                runtime.send(chunk);
            }
        }

        for (StreamingRuntime runtime : runtimes) {
            try (runtime) {
                assertEquals(413, runtime.end(List.of()).answer().status());
            }
        }
        for (CompletableFuture<InvocationResult> result : results) {
            assertEquals(Outcome.RESPONSE_TOO_LARGE, result.join().outcome());
        }
        assertTrue(concurrentRuntimes.lrap().isAlive(), "lrap lives on");
        assertTrue(concurrentRuntimes.lrap().output().contains("fill the 16 MiB it holds at once"),
                "a result that found no room is not passed on silently");
    }
}
