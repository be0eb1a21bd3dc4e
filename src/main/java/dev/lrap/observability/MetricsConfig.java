package dev.lrap.observability;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The CloudWatch metrics lrap writes for the invocations it changes or fails, in the Embedded Metric Format. */
@ConfigMapping(prefix = "lrap.metrics")
public interface MetricsConfig {

    /** Whether lrap writes a metrics document for each invocation it stored, resolved or failed something in ({@code LRAP_METRICS}). */
    @WithDefault("true")
    boolean enabled();

    /** The CloudWatch namespace of the metrics ({@code LRAP_METRICS_NAMESPACE}). */
    @WithDefault("lrap")
    String namespace();

    /** The value of the {@code FunctionName} dimension: Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}. */
    Optional<String> functionName();
}
