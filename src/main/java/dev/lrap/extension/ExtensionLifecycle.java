package dev.lrap.extension;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.config.LrapConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Makes lrap a Lambda extension. Lambda starts the runtime as soon as the last extension registers, so lrap registers
 * only once its proxy listener accepts connections, then waits for SHUTDOWN on its own thread.
 */
@ApplicationScoped
public class ExtensionLifecycle {

    private static final Logger LOG = Logger.getLogger(ExtensionLifecycle.class);

    private final LrapConfig config;
    private volatile Thread events;
    private volatile boolean stopping;

    ExtensionLifecycle(LrapConfig config) {
        this.config = config;
    }

    void onListening(@ObservesAsync HttpServerStart listening) {
        if (config.runtimeApiEndpoint().isEmpty() && LaunchMode.current() != LaunchMode.NORMAL) {
            LOG.info("No Runtime API configured: lrap runs as a plain proxy without registering as an extension");
            return;
        }
        events = new Thread(() -> serve(listening.options().getPort()), "lrap-extension");
        events.setDaemon(true);
        events.start();
    }

    private void serve(int port) {
        try {
            ExtensionSession session = new ExtensionSession(config.upstream(), ExtensionName.of(config.extensionName()));
            FatalErrors.watch(session);
            session.register();
            LOG.infof("Registered with the Extensions API at %s; the runtime's requests go through 127.0.0.1:%d",
                    config.upstream(), port);
            awaitShutdown(session);
        } catch (Throwable failure) {
            // an Error too (a class missing from the image, a dependency's AssertionError): a thread that just ended
            // would leave Lambda with an extension that no longer polls for its events and never said why
            if (!stopping) {
                FatalErrors.exit(failure);
            }
        }
    }

    /**
     * A poll cut short because lrap is stopping anyway is no failure. The poll ends with the application: in dev mode
     * the JVM outlives it, and a SHUTDOWN reaching a stopped lrap would stop the next one.
     */
    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        if (events != null) {
            events.interrupt();
        }
    }

    private void awaitShutdown(ExtensionSession session) {
        JsonNode event;
        do {
            event = session.nextEvent();
        } while (!"SHUTDOWN".equalsIgnoreCase(event.path("eventType").asText()));
        LOG.infof("Lambda is shutting the execution environment down (%s)", event.path("shutdownReason").asText());
        stopping = true;
        Quarkus.asyncExit(0);
    }
}
