package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.lrap.LambdaApi;
import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.Invocation;
import dev.lrap.testing.RawHttp;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * With the lowest log level Lambda can ask for, nothing of what callers and runtimes send reaches lrap's output:
 * payloads that make a parser fail right beside a secret (invalid JSON, bytes that are not UTF-8, numbers no
 * parser converts, nesting deeper than lrap reads), references whose id holds it past the excerpt, stored items
 * that are damaged, a tenant id, and requests whose head Vert.x refuses.
 */
class HostilePayloadLogsIT {

    private static final String SECRET = "4111-1111-1111-1111";
    private static final String NOT_UTF8 = new String(new byte[] { (byte) 0xC3, (byte) 0x28 }, StandardCharsets.ISO_8859_1);
    /** Past {@code MAX_CONTENT_SIZE}, so that lrap reads such a string of a response to offload it. */
    private static final String LARGE = "x".repeat(6_000);
    /** Deeper than the 200,000 levels lrap reads. */
    private static final int DEEP = 250_000;

    @RegisterExtension
    static final LambdaEnvironment echo = LambdaEnvironment.of(Echo.class)
            .with("AWS_LAMBDA_LOG_FORMAT", "JSON")
            .with("AWS_LAMBDA_LOG_LEVEL", "TRACE")
            .build();

    @BeforeAll
    static void sendWhatBreaksParsers() throws IOException {
        String reference = "@content:dynamodb:table:record-" + UUID.randomUUID();
        // with a reference, the event is read and fails; without, the handler echoes it as a response that is read
        for (String field : List.of("\"r\":\"" + reference + "\",", "")) {
            for (String event : List.of(
                    "{" + field + "\"s\":\"" + LARGE + SECRET + "\" " + SECRET + "}",
                    "{" + field + "\"s\":\"" + LARGE + SECRET + NOT_UTF8 + SECRET + "\"}",
                    "{" + field + "\"n\":1" + "9".repeat(5_000) + "e999999999999,\"s\":\"" + LARGE + SECRET + "\"}",
                    "[".repeat(DEEP) + "{" + field + "\"s\":\"" + LARGE + SECRET + "\"}" + "]".repeat(DEEP))) {
                byte[] bytes = event.getBytes(StandardCharsets.ISO_8859_1);
                echo.invoke(Invocation.of(bytes));
                echo.invoke(Invocation.of(bytes).withTenantId("tenant\"" + SECRET + "'\\"));
            }
        }
        echo.invoke("{\"r\":\"@content:dynamodb:table:record-" + "y".repeat(200) + SECRET + "\"}");
        echo.invoke("{\"r\":\"@content:dynamodb:table:" + storedDamaged(gzip("\"" + SECRET + "\"")) + "\"}");
        echo.invoke("{\"r\":\"@content:dynamodb:table:" + storedDamaged(("\"" + SECRET + "\"").getBytes(StandardCharsets.UTF_8)) + "\"}");
        sendRefusedRequests();
        echo.lrapExit();
    }

    @Test
    void noLineCarriesTheSecret() {
        List<String> leaks = echo.lrap().output().lines().filter(line -> line.contains(SECRET)).toList();

        assertEquals(List.of(), leaks);
    }

    /** A compressed item whose length and checksum say the secret is not what it holds. */
    private static String storedDamaged(byte[] gzipped) {
        String id = "record-" + UUID.randomUUID();
        echo.contentTable().put(Map.of("id", AttributeValue.fromS(id),
                "content_gz", AttributeValue.fromB(SdkBytes.fromByteArray(gzipped)),
                "length", AttributeValue.fromN("5"), "sha256", AttributeValue.fromS(SECRET)));
        return id;
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(bytes)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A header value Vert.x refuses, a path of the runtime's making cut short, and a Host the router refuses. */
    private static void sendRefusedRequests() throws IOException {
        int port = StreamedResponseIT.lrapPort(echo);
        String error = LambdaApi.INVOCATION + "/" + "y".repeat(200) + SECRET + "/error";
        try (RawHttp runtime = new RawHttp(port)) {
            runtime.send(List.of("POST " + error + " HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 2",
                    "Lambda-Runtime-Function-XRay-Error-Cause: {\"message\":\"" + SECRET + "\u0000\"}"), "{}".getBytes());
            runtime.read();
        }
        try (RawHttp runtime = new RawHttp(port)) {
            runtime.send(List.of("POST " + error + " HTTP/1.1", "Host: 127.0.0.1:99999999", "Content-Length: 2"), "{}".getBytes());
            runtime.read();
        }
        try (RawHttp runtime = new RawHttp(port)) {
            runtime.send(List.of("POST " + error + " HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 100"), "{\"cut\":".getBytes());
        }
    }
}
