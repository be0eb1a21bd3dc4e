package dev.lrap.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.lrap.LambdaApi;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells {@link InvocationMetrics} when an invocation is over for lrap: when the runtime's response or error has been
 * relayed and answered. It watches the runtime's requests as they arrive, whichever resource relays them.
 */
@ApplicationScoped
class RelayedInvocations {

    private static final String PREFIX = LambdaApi.INVOCATION + "/";

    void watch(@Observes Filters filters, InvocationMetrics metrics) {
        filters.register(request -> {
            String requestId = answeredInvocation(request);
            if (requestId != null) {
                request.addEndHandler(relayed -> metrics.finished(requestId));
            }
            request.next();
        }, 100);
    }

    /** The request id of a {@code POST /invocation/{id}/response} or {@code /error}, else {@code null}. */
    static String answeredInvocation(RoutingContext request) {
        String path = request.request().path();
        if (request.request().method() != HttpMethod.POST || path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        int slash = path.indexOf('/', PREFIX.length());
        String answer = slash < 0 ? "" : path.substring(slash + 1);
        return slash > PREFIX.length() && (answer.equals("response") || answer.equals("error"))
                ? path.substring(PREFIX.length(), slash)
                : null;
    }
}
