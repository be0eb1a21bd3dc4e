package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.CapturedLogs;
import dev.lrap.testing.InvocationSteps;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import dev.lrap.testing.StreamingRuntime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A runtime that hangs up after the whole of its stream has not cut it off: Lambda had it all, and lrap's log must not
 * say otherwise. What lrap says of such a runtime is a debug line, which this test turns on to know when it came.
 */
@QuarkusTest
@TestProfile(StreamedResponseHangUpLogTest.ProxyDebugLogs.class)
@WithTestResource(ScriptedRuntimeApiResource.class)
class StreamedResponseHangUpLogTest {

    private static final byte[] CHUNK = "{\"whole\":true}".getBytes(StandardCharsets.UTF_8);

    public static class ProxyDebugLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"dev.lrap.proxy\".level", "DEBUG");
        }
    }

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void aRuntimeThatHangsUpAfterItsWholeStreamIsNotSaidToHaveCutItOff() throws Exception {
        String path = LambdaApi.INVOCATION + "/req-whole/response";
        try (CapturedLogs logs = CapturedLogs.open()) {
            try (StreamingRuntime runtime = StreamingRuntime.respond(proxy.getPort(), "req-whole").send(CHUNK)) {
                runtime.end(List.of());
            }
            ScriptedRuntimeApi.Received whole = upstream.takeRequest();
            assertArrayEquals(CHUNK, whole.body());
            whole.reply(InvocationSteps.ACCEPTED);

            assertTrue(logs.awaitLineContaining("The runtime hung up before the answer to POST " + path),
                    () -> "no line said so: " + logs.lines());
            assertEquals(List.of(), logs.lines().stream().filter(line -> line.contains("while it sent the body")).toList());
        }
    }
}
