package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * lrap's DynamoDB client tries a failing call as often as {@code AWS_MAX_ATTEMPTS} says, not the 9 times of
 * DynamoDB's own retry policy.
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbRetriesTest.FailingDynamoDb.class)
class DynamoDbRetriesTest {

    /** A DynamoDB endpoint that answers every request with a 500, and counts them. */
    public static class FailingDynamoDb implements QuarkusTestResourceLifecycleManager {

        static final AtomicInteger REQUESTS = new AtomicInteger();

        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                REQUESTS.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            server.start();
            return Map.of("quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "AWS_MAX_ATTEMPTS", "2");
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    @Inject
    PayloadTransformer transformer;

    @Test
    void aFailingCallIsTriedAsOftenAsAwsMaxAttemptsSays() {
        byte[] response = bytes("{\"value\": \"" + "v".repeat(6000) + "\"}");
        FailingDynamoDb.REQUESTS.set(0);

        assertSame(response, transformer.transformResponse(response, invocation()));
        assertEquals(2, FailingDynamoDb.REQUESTS.get());
    }
}
