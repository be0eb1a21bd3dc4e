package dev.lrap.proxy;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.lrap.LambdaApi;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;

/**
 * The requests answered on the Vert.x router, ahead of the JAX-RS resources: {@code /invocation/next}, whose
 * answer is written by {@link EventDelivery} so that the write's outcome decides whether the event was delivered,
 * and every path the JAX-RS resources do not serve (the Extensions, Telemetry, Logs and credentials APIs that agents
 * inside the runtime process reach through the rewritten {@code AWS_LAMBDA_RUNTIME_API}, and API versions yet to
 * come), which pass whatever their method.
 */
@ApplicationScoped
class RelayRoutes {

    /** Every path but those {@link RuntimeApiResource} serves. */
    private static final Pattern NOT_A_RESOURCE = Pattern.compile("^(?!" + Pattern.quote(LambdaApi.RUNTIME)
            + "/(invocation/[^/]+/(response|error)|init/error|restore/(next|error))$).*");

    void register(@Observes Router router, EventDelivery events, RuntimeApiRelay relay) {
        router.get(LambdaApi.INVOCATION_NEXT).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(events::next);
        router.routeWithRegex(NOT_A_RESOURCE.pattern()).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(relay::forward);
    }
}
