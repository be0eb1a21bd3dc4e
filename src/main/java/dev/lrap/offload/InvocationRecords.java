package dev.lrap.offload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an event told about its invocation, kept by request id until the invocation's response comes: whether it is
 * a durable execution, and for which tenant it runs. Holds the {@value #CAPACITY} latest invocations, so those that
 * end in an error or a timeout, without a response, are forgotten in time.
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

    void remember(String requestId, Invocation invocation) {
        invocation.tenant().ifPresent(tenant -> environmentTenant = Optional.of(tenant));
        byRequestId.put(requestId, invocation);
    }

    /** What the event of this invocation told, forgotten once asked for; the environment's tenant when it was not seen. */
    Invocation take(String requestId) {
        Invocation invocation = byRequestId.remove(requestId);
        return invocation != null ? invocation : new Invocation(false, environmentTenant);
    }
}
