package dev.lrap.observability;

import java.util.LinkedHashSet;
import java.util.Set;

/** What lrap did for one invocation, in counts, sizes and times; never content. */
final class InvocationRecord {

    int offloadedValues;
    long offloadedBytes;
    int resolvedReferences;
    long resolvedBytes;
    int storeFailures;
    int resolutionFailures;
    double dynamoDbMillis;
    double transformMillis;
    final Set<String> failureReasons = new LinkedHashSet<>();

    /** Whether lrap stored, resolved or failed something: a pure passthrough is not worth a metrics document. */
    boolean worthReporting() {
        return offloadedValues + resolvedReferences + storeFailures + resolutionFailures > 0;
    }

    boolean failed() {
        return storeFailures + resolutionFailures > 0;
    }
}
