package dev.lrap.simulator;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import dev.lrap.LambdaApi;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * HTTP calls to the simulator, standing in for a runtime or an extension. Paths and Content-Types go out as written,
 * and a call that waits for the simulator, such as a poll, can run on a thread of its own.
 */
final class ApiCalls {

    /** Polls wait until an invocation comes, so each takes a thread of its own; none keeps the JVM alive. */
    private static final ExecutorService WAITING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "simulator-call");
        thread.setDaemon(true);
        return thread;
    });

    private static final RestAssuredConfig AS_WRITTEN = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private final String base;

    ApiCalls(LambdaSimulator simulator) {
        this.base = "http://" + simulator.runtimeApi();
    }

    /**
     * A request with these headers, sent as written: no charset added to its Content-Type, its path not encoded again.
     *
     * @param headers name, value, name, value...
     */
    static RequestSpecification request(String... headers) {
        RequestSpecification request = given().config(AS_WRITTEN).urlEncodingEnabled(false);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** Makes a call that waits for the simulator on a thread of its own. */
    static CompletableFuture<Response> waiting(Supplier<Response> call) {
        return CompletableFuture.supplyAsync(call, WAITING);
    }

    Response get(String path, String... headers) {
        return request(headers).get(base + path);
    }

    CompletableFuture<Response> getAsync(String path, String... headers) {
        return waiting(() -> get(path, headers));
    }

    Response post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    Response post(String path, byte[] body, String... headers) {
        return request(headers).body(body).post(base + path);
    }

    /** The runtime's side of one invocation: its {@code /next}. */
    Response next() {
        return get(LambdaApi.INVOCATION_NEXT);
    }

    CompletableFuture<Response> nextAsync() {
        return getAsync(LambdaApi.INVOCATION_NEXT);
    }

    Response respond(String requestId, String body, String... headers) {
        return post(LambdaApi.INVOCATION + "/" + requestId + "/response", body, headers);
    }

    Response respond(String requestId, byte[] body, String... headers) {
        return post(LambdaApi.INVOCATION + "/" + requestId + "/response", body, headers);
    }

    Response reportError(String requestId, String body, String... headers) {
        return post(LambdaApi.INVOCATION + "/" + requestId + "/error", body, headers);
    }

    static String requestId(Response next) {
        return Objects.requireNonNull(next.header(LambdaApi.REQUEST_ID), () -> "no request id in " + next.statusLine());
    }

    /** Registers an extension and returns its identifier. */
    String register(String name, String events) {
        return post(LambdaApi.EXTENSION_REGISTER, "{\"events\":" + events + "}", LambdaApi.EXTENSION_NAME, name)
                .header(LambdaApi.EXTENSION_IDENTIFIER);
    }

    CompletableFuture<Response> eventNextAsync(String identifier) {
        return getAsync(LambdaApi.EXTENSION_EVENT_NEXT, LambdaApi.EXTENSION_IDENTIFIER, identifier);
    }
}
