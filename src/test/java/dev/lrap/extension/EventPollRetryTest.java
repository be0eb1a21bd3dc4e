package dev.lrap.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A broken event poll does not end lrap: the poll is made again, a few times in a row at most, so a connection that
 * died while the environment was frozen costs nothing, and an Extensions API that is really gone still ends it.
 */
class EventPollRetryTest {

    private static final String SHUTDOWN = "{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":\"spindown\"}";

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger polls = new AtomicInteger();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aPollWhoseConnectionBreaksIsMadeAgain() {
        ExtensionSession session = sessionWithPollsBrokenBeforeAnswer(ExtensionSession.POLL_ATTEMPTS - 1);

        assertEquals("SHUTDOWN", session.nextEvent().path("eventType").asText());
        assertEquals(ExtensionSession.POLL_ATTEMPTS, polls.get(), "the broken polls, then the answered one");
    }

    @Test
    void pollsThatKeepBreakingEndTheSession() {
        ExtensionSession session = sessionWithPollsBrokenBeforeAnswer(Integer.MAX_VALUE);

        assertThrows(UncheckedIOException.class, session::nextEvent);
        // the JDK's client itself sends a GET again once when its connection breaks, so there may be more polls
        assertTrue(polls.get() >= ExtensionSession.POLL_ATTEMPTS, () -> polls.get() + " polls");
    }

    /** A session with an Extensions API that closes the first {@code broken} polls' connections, then shuts down. */
    private ExtensionSession sessionWithPollsBrokenBeforeAnswer(int broken) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> answer(request, broken));
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        ExtensionSession session = new ExtensionSession("127.0.0.1:" + port, "lrap");
        session.register();
        return session;
    }

    private void answer(HttpServerRequest request, int broken) {
        if (request.path().equals(LambdaApi.EXTENSION_REGISTER)) {
            request.response().putHeader(LambdaApi.EXTENSION_IDENTIFIER, "test-extension").end("{}");
        } else if (polls.incrementAndGet() <= broken) {
            request.connection().close();
        } else {
            request.response().end(SHUTDOWN);
        }
    }
}
