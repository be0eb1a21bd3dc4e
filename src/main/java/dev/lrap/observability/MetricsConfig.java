package dev.lrap.observability;

import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

import dev.lrap.config.InvalidSetting;
import dev.lrap.config.Switch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import software.amazon.cloudwatchlogs.emf.Constants;

/** The CloudWatch metrics lrap writes for the invocations it changes or fails, in the Embedded Metric Format. */
@ConfigMapping(prefix = "lrap.metrics")
public interface MetricsConfig {

    /** Whether lrap writes a metrics document for each invocation it stored, resolved or failed something in ({@code LRAP_METRICS}). */
    @WithDefault("true")
    @WithConverter(Enabled.class)
    boolean enabled();

    /** The CloudWatch namespace of the metrics ({@code LRAP_METRICS_NAMESPACE}). */
    @WithDefault("lrap")
    @WithConverter(Namespace.class)
    String namespace();

    /** The value of the {@code FunctionName} dimension: Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}. */
    Optional<String> functionName();

    /** {@code LRAP_METRICS}. */
    final class Enabled extends Switch {

        public Enabled() {
            super("LRAP_METRICS");
        }
    }

    /**
     * {@code LRAP_METRICS_NAMESPACE}: a namespace CloudWatch accepts. The metrics library refuses any other when it
     * writes a document, so each invocation lrap reports would fail on it instead of lrap failing once at start-up.
     */
    final class Namespace implements Converter<String> {

        private static final Pattern CLOUDWATCH_NAMESPACE = Pattern.compile(Constants.VALID_NAMESPACE_REGEX);

        @Override
        public String convert(String value) {
            if (CLOUDWATCH_NAMESPACE.matcher(value).matches() && value.length() <= Constants.MAX_NAMESPACE_LENGTH) {
                return value;
            }
            throw new InvalidSetting("LRAP_METRICS_NAMESPACE", "a CloudWatch namespace (letters, digits and . _ # : / -, "
                    + "at most " + Constants.MAX_NAMESPACE_LENGTH + " of them)", value);
        }
    }
}
