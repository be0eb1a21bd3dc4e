package dev.lrap.offload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an event told about its invocation, kept by request id until the invocation's response comes: whether it is
 * a durable execution, and for which tenant it runs. Holds the {@value #CAPACITY} latest invocations, so those that
 * end in an error, a timeout or a response too small for the transformer, without asking, are forgotten in time.
 * <p>
 * A record can so be forgotten while its invocation still runs: Lambda Managed Instances run up to 1,600 invocations
 * in one environment at once. Its response is then taken for one of the environment's kind, which is what it is: an
 * environment serves a single tenant, and a durable function's environment durable executions.
 */
final class InvocationRecords {

    private static final int CAPACITY = 1024;

    /** What is known about one invocation. */
    record Invocation(boolean durable, Optional<String> tenant) {
    }

    private final Map<String, Invocation> byRequestId = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Invocation> eldest) {
            return size() > CAPACITY;
        }
    });

    /** A tenant-isolated environment serves a single tenant: the one its events name. */
    private volatile Optional<String> environmentTenant = Optional.empty();

    /** Whether this environment has served a durable execution, so its function is durable. */
    private volatile boolean servesDurableExecutions;

    void remember(String requestId, Invocation invocation) {
        invocation.tenant().ifPresent(tenant -> environmentTenant = Optional.of(tenant));
        if (invocation.durable()) {
            servesDurableExecutions = true;
        }
        byRequestId.put(requestId, invocation);
    }

    /**
     * Whether this environment has served a durable execution. Its transformer then remembers every invocation, so
     * that an invocation without a record is one forgotten, and its response passes untouched.
     */
    boolean servesDurableExecutions() {
        return servesDurableExecutions;
    }

    /**
     * What the event of this invocation told, forgotten once asked for; when it was not seen or was forgotten, what
     * the environment's events tell.
     */
    Invocation take(String requestId) {
        Invocation invocation = byRequestId.remove(requestId);
        return invocation != null ? invocation : new Invocation(servesDurableExecutions, environmentTenant);
    }
}
