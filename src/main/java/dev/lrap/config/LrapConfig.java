package dev.lrap.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * lrap's settings as an extension and a proxy; the offload and the metrics have theirs beside them. The original
 * extension's environment variables ({@code LRAP_*}) map onto these properties, see {@code application.properties}.
 */
@ConfigMapping(prefix = LrapConfig.PREFIX)
public interface LrapConfig {

    // names for reading a setting without the mapping, as a failure to start does: the mapping may be what failed
    String PREFIX = "lrap";
    String RUNTIME_API_ENDPOINT = "runtime-api-endpoint";
    String EXTENSION_NAME = "extension-name";

    /** The Runtime API lrap forwards to, as {@code host:port}; defaults to Lambda's {@code AWS_LAMBDA_RUNTIME_API}. */
    @WithName(RUNTIME_API_ENDPOINT)
    Optional<String> runtimeApiEndpoint();

    /** The upstream Runtime API as {@code host:port}, with any {@code http://} prefix removed. */
    default String upstream() {
        String endpoint = runtimeApiEndpoint().orElseThrow(() -> new IllegalStateException(
                "No Runtime API to forward to: neither LRAP_RUNTIME_API_ENDPOINT nor AWS_LAMBDA_RUNTIME_API is set"));
        return hostAndPort(endpoint);
    }

    /** Accepts the endpoint with or without a scheme, as Lambda's own clients do. */
    static String hostAndPort(String endpoint) {
        return endpoint.replaceFirst("^https?://", "").replaceFirst("/+$", "");
    }

    /** The loopback port the runtime's requests arrive on ({@code LRAP_LISTENER_PORT}). */
    @WithDefault("9009")
    int listenerPort();

    /** Logs payload details and adds the original's {@code proxy_in}/{@code proxy_out} markers ({@code LRAP_DEBUG}). */
    @WithDefault("false")
    boolean debug();

    /** The name lrap registers under; Lambda requires the file name the extension was started as. */
    @WithName(EXTENSION_NAME)
    Optional<String> extensionName();
}
