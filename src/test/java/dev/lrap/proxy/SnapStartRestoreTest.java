package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.RawHttp;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Once {@code /restore/next} is answered, the environment runs from a SnapStart snapshot: lrap's requests after it
 * go out on new connections, none on one opened before the snapshot, and a request that waited through the snapshot
 * is not cut off for it (docs/runtime-api.md, rule 8).
 */
@QuarkusTest
@WithTestResource(ScriptedRuntimeApiResource.class)
class SnapStartRestoreTest {

    private static final String SHUTDOWN = "{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":\"spindown\"}";

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    @Test
    void requestsAfterARestoreUseNewConnections() throws Exception {
        Set<Integer> beforeTheSnapshot = new HashSet<>();
        try (RawHttp runtime = new RawHttp(proxy.getPort())) {
            runtime.send(get(LambdaApi.RUNTIME + "/restore/next"), new byte[0]);
            ScriptedRuntimeApi.Received restore = upstream.takeRequest();
            beforeTheSnapshot.add(restore.clientPort());
            restore.reply(new Reply(200, List.of(), new byte[0]));
            assertEquals(200, runtime.read().status());

            runtime.send(get(LambdaApi.INVOCATION_NEXT), new byte[0]);
            ScriptedRuntimeApi.Received next = upstream.takeRequest();
            next.reply(Reply.of(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                    .withHeader(LambdaApi.REQUEST_ID, "after-restore"));
            assertEquals(List.of("after-restore"), runtime.read().values(LambdaApi.REQUEST_ID));

            assertFalse(beforeTheSnapshot.contains(next.clientPort()),
                    "the first request after the restore went out on a connection from before the snapshot");
        }
    }

    @Test
    void anExtensionsPollUnderWayAcrossTheRestoreIsStillAnswered() throws Exception {
        // an extension inside the runtime's process (a Java agent, say) polls through lrap, and waits in the snapshot
        try (RawHttp extension = new RawHttp(proxy.getPort()); RawHttp runtime = new RawHttp(proxy.getPort())) {
            extension.send(List.of("GET " + LambdaApi.EXTENSION_EVENT_NEXT + " HTTP/1.1", "Host: 127.0.0.1",
                    LambdaApi.EXTENSION_IDENTIFIER + ": in-process-extension"), new byte[0]);
            ScriptedRuntimeApi.Received poll = upstream.takeRequest();
            runtime.send(get(LambdaApi.RUNTIME + "/restore/next"), new byte[0]);
            upstream.takeRequest().reply(new Reply(200, List.of(), new byte[0]));
            assertEquals(200, runtime.read().status());

            poll.reply(Reply.of(200, "application/json", SHUTDOWN.getBytes(StandardCharsets.UTF_8)));
            RawHttp.Response event = extension.read();

            assertEquals(200, event.status());
            assertEquals(SHUTDOWN, event.bodyText());
        }
    }

    private static List<String> get(String path) {
        return List.of("GET " + path + " HTTP/1.1", "Host: 127.0.0.1");
    }
}
