package dev.lrap.offload;

import static dev.lrap.offload.OffloadTesting.bytes;
import static dev.lrap.offload.OffloadTesting.invocation;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lrap.proxy.PayloadTransformer;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Payloads that are not JSON, or need no change, pass as the very same bytes, in both directions. */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
@WithTestResource(DynamoDbLocalResource.class)
class PassthroughTest {

    @Inject
    PayloadTransformer transformer;

    static Stream<byte[]> payloads() {
        return Stream.of(
                new byte[0],
                bytes("not JSON at all " + "x".repeat(10_000)),
                bytes("{\"a\": 1} and trailing words"),
                bytes("{\"truncated\": \"" + "x".repeat(10_000)),
                new byte[] { 0x1f, (byte) 0x8b, 0x08, 0x00, 0x00 },
                bytes("\"" + "a lone JSON string, not in a field ".repeat(500) + "\""),
                bytes("{ \"spaced\" : [ 1, 2.50, \"small\" ] ,\n \"kept\": \"as written\" }"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void responsePassesUnchanged(byte[] payload) {
        assertSame(payload, transformer.transformResponse(payload, invocation()));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void eventPassesUnchanged(byte[] payload) {
        assertSame(payload, transformer.transformEvent(payload, invocation()));
    }
}
