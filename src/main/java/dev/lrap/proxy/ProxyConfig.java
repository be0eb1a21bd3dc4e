package dev.lrap.proxy;

import java.time.Duration;

import org.eclipse.microprofile.config.spi.Converter;

import dev.lrap.config.InvalidSetting;
import io.quarkus.runtime.configuration.DurationConverter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Settings of the relay between the function's runtime and the Runtime API. */
@ConfigMapping(prefix = "lrap.proxy")
public interface ProxyConfig {

    /**
     * Kept free before an invocation's deadline for forwarding its response or its failure: lrap's own work on an
     * event or a response stops this long before the deadline ({@code LRAP_PROXY_RESPONSE_MARGIN}).
     */
    @WithDefault("100ms")
    @WithConverter(ResponseMargin.class)
    Duration responseMargin();

    /** {@code LRAP_PROXY_RESPONSE_MARGIN}: a negative margin would let lrap's work on a response run past the deadline. */
    final class ResponseMargin implements Converter<Duration> {

        private static final DurationConverter DURATION = new DurationConverter();

        @Override
        public Duration convert(String value) {
            try {
                Duration margin = DURATION.convert(value);
                if (margin != null && !margin.isNegative()) {
                    return margin;
                }
            } catch (IllegalArgumentException notADuration) {
                // reported below, with the variable's name
            }
            throw new InvalidSetting("LRAP_PROXY_RESPONSE_MARGIN", "a duration of zero or more, such as 100ms", value);
        }
    }
}
