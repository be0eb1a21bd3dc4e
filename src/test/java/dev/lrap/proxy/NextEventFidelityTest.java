package dev.lrap.proxy;

import static dev.lrap.testing.InvocationSteps.poll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lrap.LambdaApi;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the runtime receives from {@code /invocation/next} is exactly what Lambda sent (docs/runtime-api.md, rule 1). */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class NextEventFidelityTest {

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void everyHeaderReachesTheRuntimeAsSpelled() throws Exception {
        Reply event = Reply.of(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .withHeader(LambdaApi.REQUEST_ID, "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
                .withHeader(LambdaApi.DEADLINE_MS, "1542409706888")
                .withHeader(LambdaApi.TENANT_ID, "tenant-42")
                .withHeader(LambdaApi.INVOCATION_ID, "0f4c2b1e-invocation")
                .withHeader("Lambda-Runtime-Some-Future-Header", "value; with=parameters")
                .withHeader("X-Repeated", "first")
                .withHeader("X-Repeated", "second");

        RawHttp.Response response = next(event);

        assertEquals(200, response.status());
        for (var header : event.headers()) {
            assertTrue(response.headers().contains(header), "missing or altered: " + header);
        }
        assertEquals(List.of("first", "second"), response.values("X-Repeated"));
        assertEquals(1, response.values("Content-Length").size());
        assertTrue(response.values("Transfer-Encoding").isEmpty());
    }

    @Test
    void bodyIsPassedByteForByte() throws Exception {
        byte[] binary = new byte[64 * 1024];
        new Random(7).nextBytes(binary);

        RawHttp.Response response = next(Reply.of(200, "application/octet-stream", binary)
                .withHeader(LambdaApi.REQUEST_ID, "binary-event"));

        assertArrayEquals(binary, response.body());
        assertEquals(List.of("application/octet-stream"), response.values("Content-Type"));
        assertEquals(List.of(String.valueOf(binary.length)), response.values("Content-Length"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 403, 500 })
    void upstreamRefusalsReachTheRuntimeUnchanged(int status) throws Exception {
        byte[] body = "{\"errorMessage\":\"State transition failed\",\"errorType\":\"InvalidStateTransition\"}"
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Response response = next(Reply.of(status, "application/json", body));

        assertEquals(status, response.status());
        assertArrayEquals(body, response.body());
        assertEquals(List.of("application/json"), response.values("Content-Type"));
    }

    /**
     * A server may send interim responses, such as {@code 102 Processing}, ahead of its answer; Lambda's event is the
     * answer, and taking the interim one for it would leave the runtime waiting for ever and drop the event.
     */
    @ParameterizedTest
    @ValueSource(ints = { 100, 102, 103 })
    void anInterimResponseAheadOfTheEventIsNotTakenForIt(int interimStatus) throws Exception {
        byte[] body = "{\"after\":\"interim\"}".getBytes(StandardCharsets.UTF_8);

        RawHttp.Response response = next(Reply.of(200, "application/json", body)
                .withHeader(LambdaApi.REQUEST_ID, "after-interim").afterInterim(interimStatus));

        assertEquals(200, response.status());
        assertEquals(List.of("after-interim"), response.values(LambdaApi.REQUEST_ID));
        assertArrayEquals(body, response.body());
    }

    private RawHttp.Response next(Reply event) throws Exception {
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            poll(runtime);
            ScriptedRuntimeApi.Received poll = upstream.takeRequest();
            assertEquals(LambdaApi.INVOCATION_NEXT, poll.uri());
            poll.reply(event);
            return runtime.read();
        }
    }
}
