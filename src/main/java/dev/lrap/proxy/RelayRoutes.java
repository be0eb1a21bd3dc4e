package dev.lrap.proxy;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.lrap.LambdaApi;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * The requests answered on the Vert.x router, ahead of the JAX-RS resources: every invocation's way through lrap,
 * {@code /invocation/next} (whose answer {@link EventDelivery} writes, so that the write's outcome decides whether the
 * event was delivered) and {@code /invocation/{id}/response} ({@link ResponseTransformation}), and every path the
 * JAX-RS resources do not serve (the Extensions, Telemetry, Logs and credentials APIs that agents inside the runtime
 * process reach through the rewritten {@code AWS_LAMBDA_RUNTIME_API}, and API versions yet to come), which pass
 * whatever their method. A request that fails on the router is answered here too, before Quarkus's error handler,
 * which would log what the runtime sent.
 */
@ApplicationScoped
class RelayRoutes {

    /** The path a runtime posts an invocation's result to. */
    static final String RESPONSE = Pattern.quote(LambdaApi.INVOCATION) + "/[^/]+/response";

    /** Every path but those {@link RuntimeApiResource} and the routes above serve. */
    private static final Pattern ELSEWHERE = Pattern.compile("^(?!" + Pattern.quote(LambdaApi.RUNTIME)
            + "/(invocation/[^/]+/(response|error)|init/error|restore/(next|error))$).*");

    void register(@Observes Router router, EventDelivery events, ResponseTransformation responses, RuntimeApiRelay relay) {
        router.get(LambdaApi.INVOCATION_NEXT).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(events::next);
        router.routeWithRegex(HttpMethod.POST, RESPONSE).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(responses::relay);
        router.routeWithRegex(ELSEWHERE.pattern()).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(relay::forward);
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).failureHandler(RuntimeApiRelay::failed);
    }
}
