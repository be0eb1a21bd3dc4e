package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.lrap.LambdaApi;
import io.restassured.response.Response;

/** The invoke endpoint answers like AWS's runtime interface emulator, plus Lambda's function error header. */
class InvokeEndpointTest extends DefaultSimulator {

    @Test
    void answersWithTheFunctionsResult() {
        CompletableFuture<Response> invoke = invoke(simulator.invokeUri(), "{\"in\":1}");
        String requestId = ApiCalls.requestId(runtime.next());

        runtime.respond(requestId, "<b>out</b>", "Content-Type", "text/html");

        Response response = invoke.join();
        assertEquals(200, response.statusCode());
        assertEquals("<b>out</b>", response.asString());
        assertEquals("text/html", response.header("Content-Type"));
        assertNull(response.header(SimulatorApi.INVOKE_FUNCTION_ERROR));
    }

    @Test
    void flagsAFunctionError() {
        CompletableFuture<Response> invoke = invoke(simulator.invokeUri(), "{}");
        String requestId = ApiCalls.requestId(runtime.next());

        runtime.reportError(requestId, "{\"errorMessage\":\"boom\",\"errorType\":\"Oops\"}");

        Response response = invoke.join();
        assertEquals(200, response.statusCode());
        assertEquals("{\"errorMessage\":\"boom\",\"errorType\":\"Oops\"}", response.asString());
        assertEquals("Unhandled", response.header(SimulatorApi.INVOKE_FUNCTION_ERROR));
    }

    @Test
    void passesTheCallersContextToTheRuntime() {
        String clientContext = "{\"custom\":{\"k\":\"v\"}}";
        String encodedClientContext = Base64.getEncoder().encodeToString(clientContext.getBytes(StandardCharsets.UTF_8));
        invoke(simulator.invokeUri(), "text", "Content-Type", "text/plain",
                SimulatorApi.INVOKE_CLIENT_CONTEXT, encodedClientContext,
                SimulatorApi.INVOKE_TENANT_ID, "tenant-1",
                SimulatorApi.INVOKE_TRACE_ID, "Root=1-00000000-000000000000000000000000;Sampled=1");

        Response next = runtime.next();

        assertEquals("text", next.asString());
        assertEquals("text/plain", next.header("Content-Type"));
        assertEquals(clientContext, next.header(LambdaApi.CLIENT_CONTEXT));
        assertEquals("tenant-1", next.header(LambdaApi.TENANT_ID));
        assertEquals("Root=1-00000000-000000000000000000000000;Sampled=1",
                next.header(LambdaApi.TRACE_ID));
    }

    @Test
    void takesAPayloadOfExactlyLambdasInvokeLimit() {
        CompletableFuture<Response> invoke = invoke(simulator.invokeUri(), "x".repeat(SimulatorApi.MAX_INVOKE_PAYLOAD_BYTES));

        Response next = runtime.next();
        runtime.respond(ApiCalls.requestId(next), "done");

        assertEquals(SimulatorApi.MAX_INVOKE_PAYLOAD_BYTES, next.asByteArray().length);
        assertEquals("done", invoke.join().asString());
    }

    /** Lambda's Invoke API refuses the payload before any runtime sees it, whether its length is declared or not. */
    @ParameterizedTest
    @CsvSource({
            "/2015-03-31/functions/function/invocations, false, InvokeFunction",
            "/2015-03-31/functions/function/invocations, true, InvokeFunction",
            "/2021-11-15/functions/function/response-streaming-invocations, false, InvokeWithResponseStream" })
    void refusesAPayloadOverLambdasInvokeLimit(String path, boolean chunked, String operation) throws Exception {
        byte[] payload = new byte[SimulatorApi.MAX_INVOKE_PAYLOAD_BYTES + 1];
        HttpRequest.BodyPublisher body = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload))
                : HttpRequest.BodyPublishers.ofByteArray(payload);

        HttpResponse<String> refusal = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(simulator.invokeUri().resolve(path)).POST(body).build(), BodyHandlers.ofString());

        assertEquals(413, refusal.statusCode());
        assertEquals("{\"errorMessage\":\"Request must be smaller than 6291456 bytes for the " + operation
                + " operation\",\"errorType\":\"RequestEntityTooLargeException\"}", refusal.body());
        CompletableFuture<Response> next = runtime.nextAsync();
        invoke(simulator.invokeUri(), "after");
        assertEquals("after", next.join().asString(), "the refused payload reached the runtime");
    }

    @Test
    void asksForThePayloadOfACallerThatWaitsToBeAsked() {
        // curl waits so for payloads over 1 MiB; Lambda's endpoints, as any HTTP/1.1 server, answer 100 Continue
        CompletableFuture<Response> event = runtime.nextAsync();
        CompletableFuture<HttpResponse<String>> invoke = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(simulator.invokeUri()).expectContinue(true)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"large\":true}")).build(),
                BodyHandlers.ofString());

        // unasked, the caller never sends the payload
        Response next = event.orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals("{\"large\":true}", next.asString());
        runtime.respond(ApiCalls.requestId(next), "done");

        assertEquals("done", invoke.join().body());
    }

    @Test
    void knowsOnlyTheEmulatorsPath() {
        Response response = invoke(simulator.invokeUri().resolve("/2015-03-31/functions/other/invocations"), "{}")
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
            Response found = get(withResource.invokeUri().resolve("/items/known"));
            Response missing = get(withResource.invokeUri().resolve("/items/unknown"));
            Response failed = get(withResource.invokeUri().resolve("/broken/x"));

            assertEquals(200, found.statusCode());
            assertEquals("{\"name\":\"known\"}", found.asString());
            assertEquals("application/json", found.header("Content-Type"));
            assertEquals(404, missing.statusCode());
            assertEquals(500, failed.statusCode());
            assertTrue(failed.asString().contains("cannot look x up"), failed.asString());
        }
    }

    private static Response get(URI uri) {
        return ApiCalls.request().get(uri);
    }

    private static CompletableFuture<Response> invoke(URI uri, String body, String... headers) {
        return ApiCalls.waiting(() -> ApiCalls.request(headers).body(body.getBytes(StandardCharsets.UTF_8)).post(uri));
    }
}
