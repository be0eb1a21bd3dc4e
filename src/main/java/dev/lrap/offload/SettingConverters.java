package dev.lrap.offload;

import java.time.Duration;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

import dev.lrap.config.InvalidSetting;

/**
 * Converters for the numeric settings of {@link OffloadConfig}, which users set through the original extension's
 * environment variables. A bad value stops lrap at start-up with a message naming the variable the user actually
 * wrote, not the property it is mapped onto.
 */
public final class SettingConverters {

    private SettingConverters() {
    }

    /** Parses a whole number of at least {@code min}, or fails naming {@code variable}. */
    static long wholeNumber(String value, String variable, long min, long max, String unit) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new InvalidSetting(variable, "a whole number of %s from %d to %d".formatted(unit, min, max), value);
    }

    /** A byte size of at least one byte. */
    abstract static class PositiveSize implements Converter<Integer> {

        private final String variable;

        PositiveSize(String variable) {
            this.variable = variable;
        }

        @Override
        public Integer convert(String value) {
            return (int) wholeNumber(value, variable, 1, Integer.MAX_VALUE, "bytes");
        }
    }

    /** {@code MAX_CONTENT_SIZE}. */
    public static final class MaxContentSize extends PositiveSize {
        public MaxContentSize() {
            super("MAX_CONTENT_SIZE");
        }
    }

    /** {@code LRAP_MAX_PAYLOAD_SIZE}. */
    public static final class MaxPayloadSize extends PositiveSize {
        public MaxPayloadSize() {
            super("LRAP_MAX_PAYLOAD_SIZE");
        }
    }

    /** {@code LRAP_MAX_EVENT_SIZE}. */
    public static final class MaxEventSize extends PositiveSize {
        public MaxEventSize() {
            super("LRAP_MAX_EVENT_SIZE");
        }
    }

    /** {@code AWS_MAX_ATTEMPTS}: the first try included. */
    public static final class MaxAttempts implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) wholeNumber(value, "AWS_MAX_ATTEMPTS", 1, 20, "attempts");
        }
    }

    /**
     * {@code AGENT_CONTEXT_TABLE}: a name or ARN DynamoDB accepts. Any other would fail every store and every
     * resolution, invocation after invocation, instead of once at start-up.
     */
    public static final class TableName implements Converter<String> {

        private static final Pattern NAME_OR_ARN = Pattern.compile(
                "(arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/)?[a-zA-Z0-9_.-]{3,255}");

        @Override
        public String convert(String value) {
            if (NAME_OR_ARN.matcher(value).matches()) {
                return value;
            }
            throw new InvalidSetting("AGENT_CONTEXT_TABLE", "a DynamoDB table name (3 to 255 letters, digits, _ . -) or "
                    + "a table's ARN", value);
        }
    }

    /** {@code LRAP_CONTENT_TTL}: whole seconds, zero meaning no expiry. */
    public static final class ContentTtl implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofSeconds(wholeNumber(value, "LRAP_CONTENT_TTL", 0, Integer.MAX_VALUE, "seconds"));
        }
    }
}
