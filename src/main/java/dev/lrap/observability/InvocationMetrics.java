package dev.lrap.observability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * What lrap does for each invocation, by request id, from the moment it starts working on the invocation until its
 * response or error is relayed; then one metrics document tells it, if lrap stored, resolved or failed something.
 * Also sums up the environment's life, logged once when it shuts down.
 */
@ApplicationScoped
public class InvocationMetrics {

    private static final Logger LOG = Logger.getLogger(InvocationMetrics.class);
    private static final double NANOS_PER_MILLI = 1_000_000d;
    private static final int REMEMBERED_REPORTS = 1024;

    private final MetricsDocuments documents;
    private final Map<String, InvocationRecord> open = new ConcurrentHashMap<>();
    /**
     * The latest invocations reported. A transform that outlives its invocation (its response went on without it) is
     * discarded, and so is what it would count: it must not open the invocation's record again.
     */
    private final Set<String> reported = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_REPORTS;
        }
    }));
    private final LongAdder relayed = new LongAdder();
    private final LongAdder offloaded = new LongAdder();
    private final LongAdder offloadedBytes = new LongAdder();
    private final LongAdder resolved = new LongAdder();
    private final LongAdder resolvedBytes = new LongAdder();
    private final LongAdder storeFailures = new LongAdder();
    private final LongAdder resolutionFailures = new LongAdder();

    public InvocationMetrics(MetricsDocuments documents) {
        this.documents = documents;
    }

    /** {@code values} strings of the invocation's response, {@code bytes} in all, were written to the table. */
    public void offloaded(String requestId, int values, long bytes) {
        if (update(requestId, invocation -> {
            invocation.offloadedValues += values;
            invocation.offloadedBytes += bytes;
        })) {
            offloaded.add(values);
            offloadedBytes.add(bytes);
        }
    }

    /** {@code references} in the invocation's event were replaced by their content, {@code bytes} in all. */
    public void resolved(String requestId, int references, long bytes) {
        if (update(requestId, invocation -> {
            invocation.resolvedReferences += references;
            invocation.resolvedBytes += bytes;
        })) {
            resolved.add(references);
            resolvedBytes.add(bytes);
        }
    }

    /** The invocation's response went out unchanged because its strings could not be stored. */
    public void storeFailed(String requestId, Throwable failure) {
        if (update(requestId, invocation -> {
            invocation.storeFailures++;
            invocation.failureReasons.add(FailureReason.of(failure));
        })) {
            storeFailures.increment();
        }
    }

    /** The invocation's event could not be resolved, so lrap failed the invocation. */
    public void resolutionFailed(String requestId, Throwable failure) {
        if (update(requestId, invocation -> {
            invocation.resolutionFailures++;
            invocation.failureReasons.add(FailureReason.of(failure));
        })) {
            resolutionFailures.increment();
        }
    }

    /** One DynamoDB call made for the invocation took {@code nanos}, retries included. */
    void dynamoDbCalled(String requestId, long nanos) {
        update(requestId, invocation -> invocation.dynamoDbMillis += nanos / NANOS_PER_MILLI);
    }

    /** Transforming the invocation's event or response took {@code nanos}. */
    void transformed(String requestId, long nanos) {
        update(requestId, invocation -> invocation.transformMillis += nanos / NANOS_PER_MILLI);
    }

    /** The invocation's response or error has been relayed, or lrap failed it: its document is written now. */
    public void finished(String requestId) {
        relayed.increment();
        report(requestId);
    }

    /** Applies {@code change} to the invocation's record; false when the invocation was reported already. */
    private boolean update(String requestId, Consumer<InvocationRecord> change) {
        if (requestId == null) {
            return true;
        }
        InvocationRecord invocation = open.compute(requestId,
                (id, record) -> record != null || reported.contains(id) ? record : new InvocationRecord());
        if (invocation == null) {
            return false;
        }
        synchronized (invocation) {
            change.accept(invocation);
        }
        return true;
    }

    private void report(String requestId) {
        // first: a change that comes after the record is taken must find it reported
        reported.add(requestId);
        InvocationRecord invocation = open.remove(requestId);
        if (invocation == null) {
            return;
        }
        synchronized (invocation) {
            if (invocation.worthReporting()) {
                documents.write(requestId, invocation);
            }
        }
    }

    /**
     * Invocations still open when the environment shuts down (their function timed out or crashed) get their
     * documents too; then one line sums up the environment's life.
     */
    void onShutdown(@Observes ShutdownEvent shutdown) {
        open.keySet().forEach(this::report);
        LOG.infof("Shutting down after relaying %d invocations: %d values offloaded (%d bytes), %d references resolved "
                + "(%d bytes), %d store failures, %d resolution failures", relayed.sum(), offloaded.sum(),
                offloadedBytes.sum(), resolved.sum(), resolvedBytes.sum(), storeFailures.sum(), resolutionFailures.sum());
    }
}
