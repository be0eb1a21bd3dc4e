package dev.lrap.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lrap.LambdaApi;
import dev.lrap.simulator.InvocationResult.Outcome;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The listener behind {@code AWS_LAMBDA_RUNTIME_API}. Like Lambda it serves the Runtime and the Extensions API
 * on one port; every other path (Telemetry, Logs, credentials...) gets the stub answer of AWS's runtime
 * interface emulator, so clients that probe those APIs carry on.
 */
final class RuntimeApiRouter implements Handler<HttpServerRequest> {

    private static final Pattern INVOCATION_REPORT =
            Pattern.compile(Pattern.quote(LambdaApi.INVOCATION) + "/([^/]+)/(response|error)");

    private final RuntimeEndpoints runtime;
    private final ExtensionEndpoints extensions;

    RuntimeApiRouter(Sandbox sandbox, SimulatorConfig config) {
        this.runtime = new RuntimeEndpoints(sandbox, config.functionArn());
        this.extensions = new ExtensionEndpoints(sandbox, config);
    }

    @Override
    public void handle(HttpServerRequest request) {
        switch (request.method().name() + " " + request.path()) {
            case "GET " + LambdaApi.INVOCATION_NEXT -> runtime.next(request);
            case "GET " + LambdaApi.RESTORE_NEXT -> runtime.restoreNext(request);
            case "POST " + LambdaApi.INIT_ERROR -> runtime.initError(request);
            case "POST " + LambdaApi.RESTORE_ERROR -> runtime.restoreError(request);
            case "POST " + LambdaApi.EXTENSION_REGISTER -> extensions.register(request);
            case "GET " + LambdaApi.EXTENSION_EVENT_NEXT -> extensions.next(request);
            case "POST " + LambdaApi.EXTENSION_INIT_ERROR -> extensions.error(request, ExtensionError.Phase.INIT);
            case "POST " + LambdaApi.EXTENSION_EXIT_ERROR -> extensions.error(request, ExtensionError.Phase.EXIT);
            default -> reportOrUnsupported(request);
        }
    }

    private void reportOrUnsupported(HttpServerRequest request) {
        Matcher report = INVOCATION_REPORT.matcher(request.path());
        if (request.method() == HttpMethod.POST && report.matches()) {
            Outcome reported = "error".equals(report.group(2)) ? Outcome.FUNCTION_ERROR : Outcome.RESPONSE;
            runtime.report(request, report.group(1), reported);
        } else {
            String api = request.path().startsWith(SimulatorApi.LOGS) ? "Logs" : "Telemetry";
            request.body().onSuccess(ignored -> Replies.json(request.response(), 202,
                    new ApiJson.ErrorResponse(api + " API is not supported", api + ".NotSupported")));
        }
    }
}
