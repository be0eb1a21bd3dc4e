package dev.lrap.simulator;

import java.util.List;

import dev.lrap.LambdaApi;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;

/** The Extensions API: what extension processes, lrap among them, talk to. */
final class ExtensionEndpoints {

    private final Sandbox sandbox;
    private final ApiJson.RegisterResponse function;

    ExtensionEndpoints(Sandbox sandbox, SimulatorConfig config) {
        this.sandbox = sandbox;
        this.function = new ApiJson.RegisterResponse(config.functionName(), SimulatorConfig.FUNCTION_VERSION,
                config.handler());
    }

    void register(HttpServerRequest request) {
        request.body().onSuccess(body -> Replies.answer(request.response(), () -> {
            List<String> events = body.length() == 0
                    ? List.of()
                    : ApiJson.readRequest(body.getBytes(), ApiJson.RegisterRequest.class).events();
            String name = request.getHeader(LambdaApi.EXTENSION_NAME);
            RegisteredExtension extension = sandbox.registerExtension(name, events);
            request.response().putHeader(LambdaApi.EXTENSION_IDENTIFIER, extension.identifier());
            Replies.json(request.response(), 200, function);
        }));
    }

    /** Long-polls for the extension's next event, with no timeout, like Lambda. */
    void next(HttpServerRequest request) {
        Promise<byte[]> poll = Promise.promise();
        request.response().closeHandler(closed -> poll.tryFail("The extension closed its connection"));
        poll.future().onSuccess(event -> Replies.json(request.response(), 200, event));
        Replies.answer(request.response(),
                () -> sandbox.extensionNext(request.getHeader(LambdaApi.EXTENSION_IDENTIFIER), poll));
    }

    void error(HttpServerRequest request, ExtensionError.Phase phase) {
        String identifier = request.getHeader(LambdaApi.EXTENSION_IDENTIFIER);
        String errorType = request.getHeader(LambdaApi.EXTENSION_ERROR_TYPE);
        Replies.acceptReport(request, report -> sandbox.extensionError(identifier, phase, errorType, report));
    }
}
