package dev.lrap.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Every setting of lrap. The original extension's environment variables ({@code AGENT_CONTEXT_TABLE},
 * {@code MAX_CONTENT_SIZE}, {@code LRAP_*}) map onto these properties, see {@code application.properties}.
 */
@ConfigMapping(prefix = "lrap")
public interface LrapConfig {

    /** The Runtime API lrap forwards to, as {@code host:port}; defaults to Lambda's {@code AWS_LAMBDA_RUNTIME_API}. */
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
    Optional<String> extensionName();

    /** Moving large strings out of responses into DynamoDB and back into events. */
    Offload offload();

    /** Settings of the DynamoDB offload; each converter names the original's environment variable when it rejects a value. */
    interface Offload {

        /** The DynamoDB table holding offloaded content ({@code AGENT_CONTEXT_TABLE}). */
        @WithDefault("AgentContext")
        String table();

        /** A string longer than this many UTF-8 bytes is moved to the table ({@code MAX_CONTENT_SIZE}). */
        @WithDefault("5000")
        @WithConverter(SettingConverters.MaxContentSize.class)
        int maxContentSize();

        /** How long stored content is kept before DynamoDB's TTL may delete it, zero for ever ({@code LRAP_CONTENT_TTL}, seconds). */
        @WithDefault("604800")
        @WithConverter(SettingConverters.ContentTtl.class)
        Duration contentTtl();

        /** How often a DynamoDB call is tried in all, with the SDK's standard backoff ({@code AWS_MAX_ATTEMPTS}). */
        @WithDefault("3")
        @WithConverter(SettingConverters.MaxAttempts.class)
        int maxAttempts();

        /** A response still larger than this many bytes loses its largest strings until it fits ({@code LRAP_MAX_PAYLOAD_SIZE}). */
        @WithDefault("240000")
        @WithConverter(SettingConverters.MaxPayloadSize.class)
        int maxPayloadSize();

        /** The largest an event may become once its references are resolved, in bytes ({@code LRAP_MAX_EVENT_SIZE}). */
        @WithDefault("8388608")
        @WithConverter(SettingConverters.MaxEventSize.class)
        int maxEventSize();
    }
}
