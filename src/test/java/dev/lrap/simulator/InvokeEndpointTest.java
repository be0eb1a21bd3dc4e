package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;

/** The invoke endpoint answers like AWS's runtime interface emulator, plus Lambda's function error header. */
class InvokeEndpointTest extends DefaultSimulator {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void answersWithTheFunctionsResult() {
        CompletableFuture<HttpResponse<String>> invoke = invoke(simulator.invokeUri(), "{\"in\":1}");
        String requestId = ApiCalls.requestId(runtime.next());

        runtime.respond(requestId, "<b>out</b>", "Content-Type", "text/html");

        HttpResponse<String> response = invoke.join();
        assertEquals(200, response.statusCode());
        assertEquals("<b>out</b>", response.body());
        assertEquals("text/html", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.headers().firstValue(SimulatorApi.INVOKE_FUNCTION_ERROR).isEmpty());
    }

    @Test
    void flagsAFunctionError() {
        CompletableFuture<HttpResponse<String>> invoke = invoke(simulator.invokeUri(), "{}");
        String requestId = ApiCalls.requestId(runtime.next());

        runtime.reportError(requestId, "{\"errorMessage\":\"boom\",\"errorType\":\"Oops\"}");

        HttpResponse<String> response = invoke.join();
        assertEquals(200, response.statusCode());
        assertEquals("{\"errorMessage\":\"boom\",\"errorType\":\"Oops\"}", response.body());
        assertEquals("Unhandled", response.headers().firstValue(SimulatorApi.INVOKE_FUNCTION_ERROR).orElseThrow());
    }

    @Test
    void passesTheCallersContextToTheRuntime() {
        String clientContext = "{\"custom\":{\"k\":\"v\"}}";
        String encodedClientContext = Base64.getEncoder().encodeToString(clientContext.getBytes(StandardCharsets.UTF_8));
        invoke(simulator.invokeUri(), "text", "Content-Type", "text/plain",
                SimulatorApi.INVOKE_CLIENT_CONTEXT, encodedClientContext,
                SimulatorApi.INVOKE_TENANT_ID, "tenant-1",
                SimulatorApi.INVOKE_TRACE_ID, "Root=1-00000000-000000000000000000000000;Sampled=1");

        HttpResponse<String> next = runtime.next();

        assertEquals("text", next.body());
        assertEquals("text/plain", next.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(clientContext, next.headers().firstValue(LambdaApi.CLIENT_CONTEXT).orElseThrow());
        assertEquals("tenant-1", next.headers().firstValue(LambdaApi.TENANT_ID).orElseThrow());
        assertEquals("Root=1-00000000-000000000000000000000000;Sampled=1",
                next.headers().firstValue(LambdaApi.TRACE_ID).orElseThrow());
    }

    @Test
    void knowsOnlyTheEmulatorsPath() {
        HttpResponse<String> response = invoke(simulator.invokeUri().resolve("/2015-03-31/functions/other/invocations"), "{}")
                .join();

        assertEquals(404, response.statusCode());
    }

    @Test
    void servesTheResourcesOfDeveloperTools() {
        try (LambdaSimulator withResource = LambdaSimulator.builder()
                .resource("/items/", name -> name.equals("known") ? Optional.of("{\"name\":\"known\"}") : Optional.empty())
                .resource("/broken/", name -> {
                    throw new IllegalStateException("cannot look " + name + " up");
                })
                .build().start()) {
            HttpResponse<String> found = get(withResource.invokeUri().resolve("/items/known"));
            HttpResponse<String> missing = get(withResource.invokeUri().resolve("/items/unknown"));
            HttpResponse<String> failed = get(withResource.invokeUri().resolve("/broken/x"));

            assertEquals(200, found.statusCode());
            assertEquals("{\"name\":\"known\"}", found.body());
            assertEquals("application/json", found.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(404, missing.statusCode());
            assertEquals(500, failed.statusCode());
            assertTrue(failed.body().contains("cannot look x up"), failed.body());
        }
    }

    private HttpResponse<String> get(URI uri) {
        return client.sendAsync(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString()).join();
    }

    private CompletableFuture<HttpResponse<String>> invoke(URI uri, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(BodyPublishers.ofString(body));
        return client.sendAsync(headers.length == 0 ? request.build() : request.headers(headers).build(),
                BodyHandlers.ofString());
    }
}
