package dev.lrap.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.lrap.LambdaApi;
import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Tells {@link InvocationMetrics} when an invocation is over for lrap: when the runtime's response or error has been
 * relayed and answered. It watches the runtime's requests as they arrive, whichever resource relays them.
 */
@ApplicationScoped
class RelayedInvocations {

    private static final String PREFIX = LambdaApi.INVOCATION + "/";

    void watch(@Observes Filters filters, InvocationMetrics metrics) {
        filters.register(request -> {
            String requestId = answeredInvocation(request.request().method().name(), request.request().path());
            if (requestId != null) {
                request.addEndHandler(relayed -> metrics.finished(requestId));
            }
            request.next();
        }, 100);
    }

    /** The request id of a {@code POST /invocation/{id}/response} or {@code /error}, else {@code null}. */
    static String answeredInvocation(String method, String path) {
        if (!"POST".equals(method) || path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String answer = rest.substring(slash + 1);
        return slash > 0 && (answer.equals("response") || answer.equals("error")) ? rest.substring(0, slash) : null;
    }
}
