package dev.lrap.proxy;

/**
 * The one place payloads can change on their way through the proxy: every event the runtime fetches from
 * {@code /invocation/next} and every result it posts to {@code /invocation/{id}/response} passes here.
 * <p>
 * Implementations are CDI beans; declaring an {@code @ApplicationScoped} bean of this type replaces the default.
 * The {@code transform} methods run on a worker thread, so they may block. Most payloads need no change, and the
 * hop to a worker thread costs more than relaying a small payload: the {@code leaves} methods let a transformer
 * say so at once, and the payload then goes on from the I/O thread untouched.
 */
public interface PayloadTransformer {

    /**
     * Rewrites an event before the runtime sees it.
     *
     * @throws EventRejectedException when the event cannot be handed to the function as it is meant to be;
     *         the invocation then fails with that error instead of reaching the handler. Any other failure fails
     *         the invocation too, as {@code Lrap.EventTransformFailed}.
     */
    byte[] transformEvent(byte[] event, InvocationContext context);

    /**
     * Rewrites a function result before Lambda sees it, without changing the array it is given. Should not throw: when
     * it does, or has not returned by the invocation's deadline less the proxy's margin, the result goes to Lambda
     * unchanged.
     */
    byte[] transformResponse(byte[] response, InvocationContext context);

    /**
     * Whether {@link #transformEvent} would certainly return this event unchanged; when so, it is not called. Runs on
     * an I/O thread, so it must answer at once, without blocking. The default sends every event to the transformer.
     * Not asked for the events of tenant-isolated invocations ({@code Lambda-Runtime-Aws-Tenant-Id}), which always
     * reach {@link #transformEvent}.
     */
    default boolean leavesEventAlone(byte[] event) {
        return false;
    }

    /**
     * Whether {@link #transformResponse} would certainly return this response unchanged; when so, it is not called.
     * Runs on an I/O thread, so it must answer at once, without blocking. The default sends every response to the
     * transformer.
     */
    default boolean leavesResponseAlone(byte[] response) {
        return false;
    }
}
