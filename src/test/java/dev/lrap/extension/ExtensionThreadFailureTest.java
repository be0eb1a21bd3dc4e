package dev.lrap.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.config.LrapConfig;
import dev.lrap.testing.CapturedStderr;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * An Error on lrap's extension thread (a class missing from the image, a dependency's AssertionError) ends lrap as an
 * exception does, with the FATAL line and a report to the Extensions API: a thread that just died would leave Lambda
 * with an extension that silently stopped polling for its events.
 */
class ExtensionThreadFailureTest {

    private static final String MISSING_CLASS = "dev/lrap/Missing";

    private final Vertx vertx = Vertx.vertx();
    private final AtomicBoolean registered = new AtomicBoolean();
    private final List<String> reports = new CopyOnWriteArrayList<>();

    @AfterEach
    void restore() {
        FatalErrors.watch(null);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void anErrorOnTheExtensionThreadIsReportedAsFatal() throws InterruptedException {
        FailingOnceRegistered config = new FailingOnceRegistered(extensionsApi(), registered);
        try (CapturedStderr stderr = CapturedStderr.open()) {
            new ExtensionLifecycle(config).onListening(new HttpServerStart(new HttpServerOptions().setPort(9009)));
            config.failedOn.join().join();

            assertEquals("lrap stopped: " + MISSING_CLASS, stderr.text().lines().findFirst().orElseThrow());
        }
        assertEquals(List.of(LambdaApi.EXTENSION_INIT_ERROR + " Extension.Failed"), reports);
    }

    /** An Extensions API that registers lrap and records the errors reported to it. */
    private String extensionsApi() {
        int port = vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join().actualPort();
        return "127.0.0.1:" + port;
    }

    private void answer(HttpServerRequest request) {
        if (request.path().equals(LambdaApi.EXTENSION_REGISTER)) {
            registered.set(true);
        } else {
            reports.add(request.path() + " " + request.getHeader(LambdaApi.EXTENSION_ERROR_TYPE));
        }
        request.response().putHeader(LambdaApi.EXTENSION_IDENTIFIER, "test-extension").end("{}");
    }

    /**
     * Settings that name the Extensions API for registering, then fail with an Error as the extension thread reads
     * them again to log the registration, and tell which thread that was.
     */
    private static final class FailingOnceRegistered implements LrapConfig {

        final CompletableFuture<Thread> failedOn = new CompletableFuture<>();
        private final String extensionsApi;
        private final AtomicBoolean registered;

        FailingOnceRegistered(String extensionsApi, AtomicBoolean registered) {
            this.extensionsApi = extensionsApi;
            this.registered = registered;
        }

        @Override
        public Optional<String> runtimeApiEndpoint() {
            if (!registered.get()) {
                return Optional.of(extensionsApi);
            }
            failedOn.complete(Thread.currentThread());
            throw new NoClassDefFoundError(MISSING_CLASS);
        }

        @Override
        public int listenerPort() {
            return 9009;
        }

        @Override
        public boolean debug() {
            return false;
        }

        @Override
        public Optional<String> extensionName() {
            return Optional.of("lrap");
        }
    }
}
