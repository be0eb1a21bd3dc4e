package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocationEndingIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.lrap.proxy.EventRejectedException;
import dev.lrap.proxy.InvocationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * No DynamoDB call outlives the invocation: each carries the time left before the deadline, less the margin for
 * handing the payload on (for a response, {@code LRAP_PROXY_RESPONSE_MARGIN}, where the proxy stops waiting for the
 * transform), as its {@code apiCallTimeout}, and none starts when that time is up. A recording
 * interceptor takes each call's configuration and ends the call before anything is sent.
 */
class DeadlineTest {

    private static final String REFERENCE = ContentReference.to("record-00000000-0000-4000-8000-000000000000");
    private static final byte[] EVENT = bytes("{\"input\": \"" + REFERENCE + "\"}");
    private static final byte[] RESPONSE = bytes("{\"value\": \"" + "v".repeat(6000) + "\"}");

    /** The timeouts the calls carried, empty for none. */
    private static final List<Optional<Duration>> CALLS = new CopyOnWriteArrayList<>();

    private static DynamoDbClient dynamoDb;
    private static OffloadTransformer transformer;

    @BeforeAll
    static void recordingClient() {
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + DynamoDbLocal.freePort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(client -> client.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        CALLS.add(context.request().overrideConfiguration().flatMap(override -> override.apiCallTimeout()));
                        throw SdkClientException.create("recorded, not sent");
                    }
                }))
                .build();
        transformer = OffloadTesting.transformer(dynamoDb, Map.of());
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @BeforeEach
    void forget() {
        CALLS.clear();
    }

    @Test
    void callCarriesTheTimeLeftLessTheMargin() {
        long before = System.currentTimeMillis();
        InvocationContext invocation = invocationEndingIn(10_000);

        assertThrows(EventRejectedException.class, () -> transformer.transformEvent(EVENT, invocation));
        long after = System.currentTimeMillis();

        assertEquals(1, CALLS.size());
        long timeout = CALLS.get(0).orElseThrow().toMillis();
        long deadline = invocation.deadlineMs().getAsLong() - Deadline.EVENT_MARGIN.toMillis();
        assertTrue(timeout <= deadline - before && timeout >= deadline - after, timeout + " ms");
    }

    @Test
    void eventPastItsDeadlineFailsWithoutACall() {
        EventRejectedException rejection = assertThrows(EventRejectedException.class,
                () -> transformer.transformEvent(EVENT, invocationEndingIn(-1_000)));

        assertTrue(rejection.getMessage().contains("deadline"), rejection.getMessage());
        assertEquals(List.of(), CALLS);
    }

    @Test
    void eventWithinTheMarginFailsWithoutACall() {
        assertThrows(EventRejectedException.class,
                () -> transformer.transformEvent(EVENT, invocationEndingIn(Deadline.EVENT_MARGIN.toMillis() / 2)));

        assertEquals(List.of(), CALLS);
    }

    @Test
    void aResponsesCallsEndWhereTheProxyStopsWaitingForThem() {
        OffloadTransformer withWideMargin = OffloadTesting.transformer(dynamoDb, Map.of("LRAP_PROXY_RESPONSE_MARGIN", "2s"));
        long before = System.currentTimeMillis();
        InvocationContext invocation = invocationEndingIn(10_000);

        assertSame(RESPONSE, withWideMargin.transformResponse(RESPONSE, invocation));
        long after = System.currentTimeMillis();

        assertEquals(1, CALLS.size());
        long timeout = CALLS.get(0).orElseThrow().toMillis();
        long deadline = invocation.deadlineMs().getAsLong() - 2_000;
        assertTrue(timeout <= deadline - before && timeout >= deadline - after, timeout + " ms");
    }

    @Test
    void aResponseWithinTheProxysMarginMakesNoCall() {
        OffloadTransformer withWideMargin = OffloadTesting.transformer(dynamoDb, Map.of("LRAP_PROXY_RESPONSE_MARGIN", "2s"));

        assertSame(RESPONSE, withWideMargin.transformResponse(RESPONSE, invocationEndingIn(1_500)));

        assertEquals(List.of(), CALLS);
    }

    @Test
    void responsePastItsDeadlineGoesOutUnchangedWithoutACall() {
        assertSame(RESPONSE, transformer.transformResponse(RESPONSE, invocationEndingIn(-1_000)));

        assertEquals(List.of(), CALLS);
    }

    @Test
    void withoutADeadlineTheSdksOwnTimeoutsApply() {
        InvocationContext noDeadline = new InvocationContext("no-deadline", OptionalLong.empty(), Map.of());

        assertSame(RESPONSE, transformer.transformResponse(RESPONSE, noDeadline));

        assertEquals(List.of(Optional.empty()), CALLS);
    }
}
