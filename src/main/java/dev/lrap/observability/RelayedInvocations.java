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

    void watch(@Observes Filters filters, InvocationMetrics metrics) {
        filters.register(request -> {
            String requestId = LambdaApi.answeredInvocation(request.request().method().name(), request.request().path());
            if (requestId != null) {
                request.addEndHandler(relayed -> metrics.finished(requestId));
            }
            request.next();
        }, 100);
    }
}
