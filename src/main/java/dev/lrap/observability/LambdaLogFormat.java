package dev.lrap.observability;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lambda's log format setting, {@code AWS_LAMBDA_LOG_FORMAT}, as Quarkus's JSON console switch. Lambda spells the
 * format {@code JSON} or {@code Text}, which no boolean converter accepts, hence a config source of its own. Its
 * ordinal sits between the environment and {@code application.properties}, so {@code QUARKUS_LOG_CONSOLE_JSON_ENABLED}
 * still wins.
 */
public final class LambdaLogFormat implements ConfigSource {

    static final String VARIABLE = "AWS_LAMBDA_LOG_FORMAT";
    private static final String JSON_ENABLED = "quarkus.log.console.json.enabled";

    /** Whether Lambda asks for JSON logs. Read from the environment directly, so it also holds when config fails. */
    public static boolean isJson() {
        return "JSON".equalsIgnoreCase(System.getenv(VARIABLE));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(JSON_ENABLED);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(JSON_ENABLED, Boolean.toString(isJson()));
    }

    @Override
    public String getValue(String propertyName) {
        return JSON_ENABLED.equals(propertyName) ? Boolean.toString(isJson()) : null;
    }

    @Override
    public String getName() {
        return VARIABLE;
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
