package dev.lrap;

/** Paths, header names and limits of the Lambda Runtime API and Extensions API, as Lambda spells them. */
public final class LambdaApi {

    public static final String RUNTIME_VERSION = "/2018-06-01";
    public static final String RUNTIME = RUNTIME_VERSION + "/runtime";
    public static final String INVOCATION_NEXT = RUNTIME + "/invocation/next";
    public static final String INVOCATION = RUNTIME + "/invocation";
    private static final String INVOCATION_PREFIX = INVOCATION + "/";
    public static final String INIT_ERROR = RUNTIME + "/init/error";
    public static final String RESTORE_NEXT = RUNTIME + "/restore/next";
    public static final String RESTORE_ERROR = RUNTIME + "/restore/error";

    public static final String EXTENSION = "/2020-01-01/extension";
    public static final String EXTENSION_REGISTER = EXTENSION + "/register";
    public static final String EXTENSION_EVENT_NEXT = EXTENSION + "/event/next";
    public static final String EXTENSION_INIT_ERROR = EXTENSION + "/init/error";
    public static final String EXTENSION_EXIT_ERROR = EXTENSION + "/exit/error";

    public static final String REQUEST_ID = "Lambda-Runtime-Aws-Request-Id";
    public static final String DEADLINE_MS = "Lambda-Runtime-Deadline-Ms";
    public static final String FUNCTION_ARN = "Lambda-Runtime-Invoked-Function-Arn";
    public static final String TRACE_ID = "Lambda-Runtime-Trace-Id";
    public static final String CLIENT_CONTEXT = "Lambda-Runtime-Client-Context";
    public static final String TENANT_ID = "Lambda-Runtime-Aws-Tenant-Id";
    public static final String INVOCATION_ID = "Lambda-Runtime-Invocation-Id";
    public static final String FUNCTION_ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    /** A trailer of a streamed response that failed partway through: the error document, base64-encoded. */
    public static final String FUNCTION_ERROR_BODY = "Lambda-Runtime-Function-Error-Body";
    public static final String XRAY_ERROR_CAUSE = "Lambda-Runtime-Function-XRay-Error-Cause";
    public static final String RESPONSE_MODE = "Lambda-Runtime-Function-Response-Mode";
    /** The only {@link #RESPONSE_MODE} value Lambda accepts; streamed responses have their own, larger limit. */
    public static final String RESPONSE_MODE_STREAMING = "streaming";

    public static final String EXTENSION_NAME = "Lambda-Extension-Name";
    public static final String EXTENSION_IDENTIFIER = "Lambda-Extension-Identifier";
    public static final String EXTENSION_ERROR_TYPE = "Lambda-Extension-Function-Error-Type";

    private LambdaApi() {
    }

    /** Whether a {@link #RESPONSE_MODE} is {@link #RESPONSE_MODE_STREAMING}, which Lambda reads whatever its case. */
    public static boolean isStreaming(String responseMode) {
        return RESPONSE_MODE_STREAMING.equalsIgnoreCase(responseMode);
    }

    /** The request id of a {@code POST /invocation/{id}/response} or {@code /error}, else {@code null}. */
    public static String answeredInvocation(String method, String path) {
        if (!"POST".equals(method) || path == null || !path.startsWith(INVOCATION_PREFIX)) {
            return null;
        }
        String rest = path.substring(INVOCATION_PREFIX.length());
        int slash = rest.indexOf('/');
        String answer = rest.substring(slash + 1);
        return slash > 0 && (answer.equals("response") || answer.equals("error")) ? rest.substring(0, slash) : null;
    }
}
