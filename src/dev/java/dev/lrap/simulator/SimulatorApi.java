package dev.lrap.simulator;

/**
 * What the simulator serves beyond the Runtime API lrap relays: the invoke endpoints of AWS's runtime interface
 * emulator, the headers of Lambda's Invoke API, and the limit Lambda enforces on buffered responses.
 */
public final class SimulatorApi {

    /** The Logs API, which shares the Runtime API's listener; the simulator only stubs it. */
    public static final String LOGS = "/2020-08-15/logs";

    /** The invoke path of AWS's runtime interface emulator, which the simulator mirrors. */
    public static final String EMULATOR_INVOKE = "/2015-03-31/functions/function/invocations";
    /** Lambda's streaming invoke ({@code InvokeWithResponseStream}) on the emulator's function path. */
    public static final String STREAMING_INVOKE = "/2021-11-15/functions/function/response-streaming-invocations";
    public static final String INVOKE_CLIENT_CONTEXT = "X-Amz-Client-Context";
    public static final String INVOKE_TENANT_ID = "X-Amz-Tenant-Id";
    public static final String INVOKE_TRACE_ID = "X-Amzn-Trace-Id";
    public static final String INVOKE_FUNCTION_ERROR = "X-Amz-Function-Error";

    /** Lambda's limit for the payload of a synchronous invoke: 6 MiB. */
    public static final int MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;

    /** Lambda's limit for a buffered response: 6 MiB plus 100 bytes. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

    private SimulatorApi() {
    }
}
