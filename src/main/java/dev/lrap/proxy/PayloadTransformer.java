package dev.lrap.proxy;

/**
 * The one place payloads can change on their way through the proxy: every event the runtime fetches from
 * {@code /invocation/next} and every result it posts to {@code /invocation/{id}/response} passes here.
 * <p>
 * Implementations are CDI beans; declaring an {@code @ApplicationScoped} bean of this type replaces the default.
 * Both methods run on a worker thread, so they may block.
 */
public interface PayloadTransformer {

    /**
     * Rewrites an event before the runtime sees it.
     *
     * @throws EventRejectedException when the event cannot be handed to the function as it is meant to be;
     *         the invocation then fails with that error instead of reaching the handler
     */
    byte[] transformEvent(byte[] event, InvocationContext context);

    /** Rewrites a function result before Lambda sees it. Must not throw: an untransformed result is still valid. */
    byte[] transformResponse(byte[] response, InvocationContext context);
}
