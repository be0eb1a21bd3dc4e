package dev.lrap.observability;

import java.util.function.Supplier;

import org.jboss.logging.MDC;

/** The request id of the invocation lrap works on, in the MDC of the thread doing the work. */
public final class InvocationLogging {

    /** The MDC key, named as Lambda's JSON log field. */
    public static final String REQUEST_ID = "requestId";

    private InvocationLogging() {
    }

    /** Runs {@code work} with {@code requestId} in the MDC, restoring what was there before. */
    public static <T> T about(String requestId, Supplier<T> work) {
        Object outer = MDC.get(REQUEST_ID);
        MDC.put(REQUEST_ID, requestId);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                MDC.remove(REQUEST_ID);
            } else {
                MDC.put(REQUEST_ID, outer);
            }
        }
    }

    /** The request id of the invocation this thread works on, or {@code null}. */
    public static String current() {
        Object requestId = MDC.get(REQUEST_ID);
        return requestId == null ? null : requestId.toString();
    }
}
