package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.CapturedLogs;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What a runtime sends in a request's head, however malformed, reaches no log line beyond an excerpt of its method
 * and path, even at {@code TRACE}, the lowest level {@code AWS_LAMBDA_LOG_LEVEL} can ask for: header values carry
 * the function's errors (X-Ray error causes), and a runtime may post to an id of its own making, of any length.
 */
@QuarkusTest
@TestProfile(RuntimeRequestLogSafetyTest.LowestLambdaLogLevel.class)
@WithTestResource(ScriptedRuntimeApiResource.class)
class RuntimeRequestLogSafetyTest {

    private static final String SECRET = "4111-1111-1111-1111";
    /** The path of an invocation whose id the runtime made up, with the secret in it past any excerpt. */
    private static final String MADE_UP_INVOCATION = LambdaApi.INVOCATION + "/" + "x".repeat(200) + SECRET;

    public static class LowestLambdaLogLevel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.level", "TRACE");
        }
    }

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void aRequestCutShortIsNamedByAnExcerptOfItsMethodAndPath() throws Exception {
        assertNamedByAnExcerpt("The runtime hung up while it sent the body of POST ", "/response", "Host: 127.0.0.1",
                "Content-Length: 100");
    }

    @Test
    void aRequestTheRouterRefusesIsNamedByAnExcerptOfItsMethodAndPath() throws Exception {
        assertNamedByAnExcerpt("The runtime's request POST ", "/error", "Host: 127.0.0.1:99999999", "Content-Length: 2");
    }

    @Test
    void aHeaderValueLambdaWouldRefuseIsNotLogged() throws Exception {
        try (CapturedLogs logs = CapturedLogs.open()) {
            try (RawHttp runtime = new RawHttp(proxy.getPort())) {
                runtime.send(List.of("POST " + LambdaApi.INVOCATION + "/req-1/error HTTP/1.1", "Host: 127.0.0.1",
                        "Lambda-Runtime-Function-XRay-Error-Cause: {\"exceptions\":[{\"message\":\"" + SECRET + "\u0000\"}]}",
                        "Content-Length: 2"), "{}".getBytes(StandardCharsets.UTF_8));

                assertEquals(400, runtime.read().status());
            }

            assertNoSecretIn(logs.lines());
        }
    }

    /**
     * Posts two bytes to the invocation {@link #MADE_UP_INVOCATION}, at {@code endpoint}, with these headers, hangs
     * up, and checks that lrap said {@code saying} of it, with an excerpt of its method and path and no secret.
     */
    private void assertNamedByAnExcerpt(String saying, String endpoint, String... headers) throws Exception {
        List<String> head = new ArrayList<>(List.of("POST " + MADE_UP_INVOCATION + endpoint + " HTTP/1.1"));
        head.addAll(List.of(headers));
        try (CapturedLogs logs = CapturedLogs.open()) {
            try (RawHttp runtime = new RawHttp(proxy.getPort())) {
                runtime.send(head, "{}".getBytes(StandardCharsets.UTF_8));
            }

            assertTrue(logs.awaitLineContaining(saying + MADE_UP_INVOCATION.substring(0, 80)),
                    () -> "no line said so: " + logs.lines());
            assertNoSecretIn(logs.lines());
        }
    }

    private static void assertNoSecretIn(List<String> lines) {
        assertEquals(List.of(), lines.stream().filter(line -> line.contains(SECRET)).toList());
    }
}
