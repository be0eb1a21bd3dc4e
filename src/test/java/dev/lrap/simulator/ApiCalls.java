package dev.lrap.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import dev.lrap.LambdaApi;

/** Plain HTTP/1.1 calls to the simulator, standing in for a runtime or an extension. */
final class ApiCalls {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    ApiCalls(LambdaSimulator simulator) {
        this.base = "http://" + simulator.runtimeApi();
    }

    /** @param headers name, value, name, value... */
    HttpResponse<String> get(String path, String... headers) {
        return getAsync(path, headers).join();
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
        return client.sendAsync(request(path, headers).GET().build(), BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> post(String path, byte[] body, String... headers) {
        return client.sendAsync(request(path, headers).POST(BodyPublishers.ofByteArray(body)).build(),
                BodyHandlers.ofString()).join();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        return headers.length == 0 ? request : request.headers(headers);
    }

    /** The runtime's side of one invocation: its {@code /next}. */
    HttpResponse<String> next() {
        return get(LambdaApi.INVOCATION_NEXT);
    }

    /** A {@code /next} whose body stays bytes, to check the event arrives unchanged. */
    HttpResponse<byte[]> nextBytes() {
        return client.sendAsync(request(LambdaApi.INVOCATION_NEXT).GET().build(), BodyHandlers.ofByteArray()).join();
    }

    CompletableFuture<HttpResponse<String>> nextAsync() {
        return getAsync(LambdaApi.INVOCATION_NEXT);
    }

    HttpResponse<String> respond(String requestId, String body, String... headers) {
        return post(LambdaApi.INVOCATION + "/" + requestId + "/response", body, headers);
    }

    HttpResponse<String> respond(String requestId, byte[] body) {
        return post(LambdaApi.INVOCATION + "/" + requestId + "/response", body);
    }

    HttpResponse<String> reportError(String requestId, String body, String... headers) {
        return post(LambdaApi.INVOCATION + "/" + requestId + "/error", body, headers);
    }

    static String requestId(HttpResponse<?> next) {
        return next.headers().firstValue(LambdaApi.REQUEST_ID).orElseThrow();
    }

    /** Registers an extension and returns its identifier. */
    String register(String name, String events) {
        HttpResponse<String> response = post(LambdaApi.EXTENSION_REGISTER, "{\"events\":" + events + "}",
                LambdaApi.EXTENSION_NAME, name);
        return response.headers().firstValue(LambdaApi.EXTENSION_IDENTIFIER).orElseThrow();
    }

    CompletableFuture<HttpResponse<String>> eventNextAsync(String identifier) {
        return getAsync(LambdaApi.EXTENSION_EVENT_NEXT, LambdaApi.EXTENSION_IDENTIFIER, identifier);
    }
}
