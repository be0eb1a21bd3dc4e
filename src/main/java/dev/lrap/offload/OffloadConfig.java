package dev.lrap.offload;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Settings of the DynamoDB offload. The original extension's environment variables map onto them in
 * {@code application.properties}; each converter names the variable when it rejects a value.
 */
@ConfigMapping(prefix = "lrap.offload")
public interface OffloadConfig {

    /** The DynamoDB table holding offloaded content ({@code AGENT_CONTEXT_TABLE}). */
    @WithDefault("AgentContext")
    @WithConverter(SettingConverters.TableName.class)
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
