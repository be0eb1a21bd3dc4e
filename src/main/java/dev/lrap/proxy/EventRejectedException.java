package dev.lrap.proxy;

/**
 * Thrown by a {@link PayloadTransformer} when an event must not reach the handler. The proxy reports the
 * invocation as failed with {@link #errorType()} and the message, and the runtime receives the next event instead.
 */
public class EventRejectedException extends RuntimeException {

    private final String errorType;

    public EventRejectedException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    public EventRejectedException(String errorType, String message) {
        this(errorType, message, null);
    }

    /** The {@code errorType} the caller sees, for example {@code Lrap.ContentResolutionFailed}. */
    public String errorType() {
        return errorType;
    }
}
