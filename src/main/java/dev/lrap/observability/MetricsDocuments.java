package dev.lrap.observability;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Writes one Embedded Metric Format document per reported invocation to stdout, where Lambda hands it to
 * CloudWatch Logs, which turns it into metrics. AWS's own EMF library writes it: it is small, has no dependency lrap
 * lacks but commons-lang3, and in Lambda it prints to the console without probing its environment; its model classes
 * are serialized by Jackson, hence their registration for reflection in a native image.
 * <p>
 * A document also carries the fields of Lambda's JSON log lines, so that it reads as one of them, at INFO, or at WARN
 * when something failed. Lambda drops JSON lines below the function's log level, so a document lrap's log level
 * would hide is not written at all.
 */
@ApplicationScoped
@RegisterForReflection(classNames = {
        "software.amazon.cloudwatchlogs.emf.model.RootNode",
        "software.amazon.cloudwatchlogs.emf.model.Metadata",
        "software.amazon.cloudwatchlogs.emf.model.MetricDirective",
        "software.amazon.cloudwatchlogs.emf.model.MetricDefinition",
        "software.amazon.cloudwatchlogs.emf.model.DimensionSet",
        "software.amazon.cloudwatchlogs.emf.model.Unit",
        "software.amazon.cloudwatchlogs.emf.model.StorageResolution",
        "software.amazon.cloudwatchlogs.emf.serializers.InstantSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.InstantDeserializer",
        "software.amazon.cloudwatchlogs.emf.serializers.UnitSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.UnitDeserializer",
        "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionFilter" })
public class MetricsDocuments {

    private static final Logger LOG = Logger.getLogger(MetricsDocuments.class);
    private static final String UNKNOWN_FUNCTION = "unknown";

    private final MetricsConfig config;
    private final Environment lambda = new LambdaEnvironment();

    public MetricsDocuments(MetricsConfig config) {
        this.config = config;
    }

    /** Writes the document of one invocation, unless metrics are off or the log level hides it. */
    void write(String requestId, InvocationRecord invocation) {
        Logger.Level level = invocation.failed() ? Logger.Level.WARN : Logger.Level.INFO;
        if (!config.enabled() || !LOG.isEnabled(level)) {
            return;
        }
        MetricsLogger metrics = new MetricsLogger(lambda);
        metrics.setNamespace(config.namespace());
        metrics.setDimensions(false, DimensionSet.of("FunctionName", config.functionName().orElse(UNKNOWN_FUNCTION)));
        metrics.putMetric("OffloadedValues", invocation.offloadedValues, Unit.COUNT)
                .putMetric("OffloadedBytes", invocation.offloadedBytes, Unit.BYTES)
                .putMetric("ResolvedReferences", invocation.resolvedReferences, Unit.COUNT)
                .putMetric("ResolvedBytes", invocation.resolvedBytes, Unit.BYTES)
                .putMetric("StoreFailures", invocation.storeFailures, Unit.COUNT)
                .putMetric("ResolutionFailures", invocation.resolutionFailures, Unit.COUNT)
                .putMetric("DynamoDbTime", invocation.dynamoDbMillis, Unit.MILLISECONDS)
                .putMetric("TransformTime", invocation.transformMillis, Unit.MILLISECONDS);
        if (!invocation.failureReasons.isEmpty()) {
            metrics.putProperty("FailureReason", String.join(",", invocation.failureReasons));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        metrics.setTimestamp(now);
        metrics.putProperty("timestamp", now.toString())
                .putProperty("level", level.name())
                .putProperty("message", "Metrics of invocation " + requestId)
                .putProperty("logger", MetricsDocuments.class.getName())
                .putProperty(InvocationLogging.REQUEST_ID, requestId);
        metrics.flush();
    }
}
