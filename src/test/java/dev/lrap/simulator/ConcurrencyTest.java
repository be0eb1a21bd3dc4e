package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** How many invocations run at once: one on standard Lambda, up to {@code maxConcurrency} on Managed Instances. */
class ConcurrencyTest {

    @Test
    void threeWaitingPollsEachGetOneOfThreeConcurrentInvocations() {
        try (LambdaSimulator simulator = LambdaSimulator.builder().maxConcurrency(3).build().start()) {
            ApiCalls runtime = new ApiCalls(simulator);
            List<CompletableFuture<Response>> polls = IntStream.range(0, 3)
                    .mapToObj(i -> runtime.nextAsync()).toList();
            List<CompletableFuture<InvocationResult>> results = IntStream.range(0, 3)
                    .mapToObj(i -> simulator.invokeAsync(Invocation.of("event-" + i))).toList();

            // every poll has its invocation before any is answered
            List<Response> events = polls.stream().map(CompletableFuture::join).toList();
            assertEquals(Set.of("event-0", "event-1", "event-2"),
                    events.stream().map(Response::asString).collect(Collectors.toSet()));
            events.forEach(event -> runtime.respond(ApiCalls.requestId(event), "result-of-" + event.asString()));

            for (int i = 0; i < 3; i++) {
                assertEquals("result-of-event-" + i, results.get(i).join().bodyAsString());
            }
        }
    }

    @Test
    void standardLambdaRunsOneInvocationAtATime() throws Exception {
        try (LambdaSimulator simulator = LambdaSimulator.builder().build().start()) {
            ApiCalls runtime = new ApiCalls(simulator);
            List<CompletableFuture<Response>> polls = List.of(runtime.nextAsync(), runtime.nextAsync());
            simulator.invokeAsync(Invocation.of("first"));
            CompletableFuture<InvocationResult> second = simulator.invokeAsync(Invocation.of("second"));

            CompletableFuture.anyOf(polls.toArray(CompletableFuture[]::new)).join();
            Response first = (polls.get(0).isDone() ? polls.get(0) : polls.get(1)).join();
            CompletableFuture<Response> otherPoll = polls.get(0).isDone() ? polls.get(1) : polls.get(0);
            assertEquals("first", first.asString());
            assertThrows(TimeoutException.class, () -> otherPoll.get(200, TimeUnit.MILLISECONDS),
                    "the second invocation started while the first was running");
            runtime.respond(ApiCalls.requestId(first), "done");

            assertEquals("second", otherPoll.join().asString());
            runtime.respond(ApiCalls.requestId(otherPoll.join()), "done too");
            assertEquals("done too", second.join().bodyAsString());
        }
    }
}
