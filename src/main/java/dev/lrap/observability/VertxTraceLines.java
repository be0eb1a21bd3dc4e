package dev.lrap.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logmanager.Level;
import org.jboss.logmanager.Logger;

import io.vertx.ext.web.Router;

/**
 * Keeps Vert.x's {@code TRACE} lines out of the log, even when {@code AWS_LAMBDA_LOG_LEVEL} asks for {@code TRACE}:
 * they quote what a runtime sends, the URI of every request and the value of a header Vert.x refuses (an X-Ray error
 * cause, say), and no line may carry payload content. Vert.x's lines from {@code DEBUG} up follow the function's level.
 * Quarkus's own {@code min-level} for a category would do it only with a warning at every start at {@code TRACE}.
 */
@ApplicationScoped
class VertxTraceLines {

    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger VERTX = Logger.getLogger("io.vertx");

    /**
     * Applied as the router is set up, so before lrap's listener takes its first request, and again at each start:
     * a restart in dev mode or the next test's application must not keep the level of the one before.
     */
    void keepOut(@Observes Router router) {
        VERTX.setLevel(ROOT.isLoggable(Level.TRACE) ? Level.DEBUG : null);
    }
}
