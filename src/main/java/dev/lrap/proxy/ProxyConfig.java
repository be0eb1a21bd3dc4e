package dev.lrap.proxy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the relay between the function's runtime and the Runtime API. */
@ConfigMapping(prefix = "lrap.proxy")
public interface ProxyConfig {

    /**
     * Kept free before an invocation's deadline for forwarding its response: lrap's own work on a response stops
     * this long before the deadline, and the response then goes out unchanged ({@code LRAP_PROXY_RESPONSE_MARGIN}).
     */
    @WithDefault("100ms")
    Duration responseMargin();
}
