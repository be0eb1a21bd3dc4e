package dev.lrap.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.lrap.LambdaApi;
import io.restassured.response.Response;

/** The Extensions API: registration, events, and how extensions hold up invocations. */
class ExtensionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaSimulator simulator;
    private ApiCalls http;

    @BeforeEach
    void start() {
        simulator = LambdaSimulator.builder().functionName("ext-fn").handler("app.Handler::handle").build().start();
        http = new ApiCalls(simulator);
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Nested
    class Register {

        @Test
        void answersWithAnIdentifierAndTheFunction() throws Exception {
            Response response = http.post(LambdaApi.EXTENSION_REGISTER, "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}",
                    LambdaApi.EXTENSION_NAME, "lrap");

            assertEquals(200, response.statusCode());
            String identifier = response.header(LambdaApi.EXTENSION_IDENTIFIER);
            assertEquals("{\"functionName\":\"ext-fn\",\"functionVersion\":\"$LATEST\",\"handler\":\"app.Handler::handle\"}",
                    response.asString());
            assertEquals(List.of(new RegisteredExtension("lrap", identifier, Set.of(EventType.INVOKE, EventType.SHUTDOWN))),
                    simulator.registeredExtensions());
        }

        @Test
        void refusesAnEmptyName() {
            Response response = http.post(LambdaApi.EXTENSION_REGISTER, "{\"events\":[]}",
                    LambdaApi.EXTENSION_NAME, "");

            assertRefused(response, "Extension.InvalidExtensionName");
        }

        @Test
        void refusesAnUnknownEvent() {
            Response response = http.post(LambdaApi.EXTENSION_REGISTER, "{\"events\":[\"INVOKE\",\"RESTORE\"]}",
                    LambdaApi.EXTENSION_NAME, "lrap");

            assertRefused(response, "Extension.InvalidEventType");
        }

        @Test
        void closesWhenTheRuntimeAsksForItsFirstInvocation() {
            simulator.invokeAsync(Invocation.of("{}"));
            http.next();

            Response response = http.post(LambdaApi.EXTENSION_REGISTER, "{\"events\":[]}",
                    LambdaApi.EXTENSION_NAME, "late");

            assertRefused(response, "Extension.RegistrationClosed");
        }
    }

    @Nested
    class EventNext {

        @Test
        void refusesAMissingIdentifier() {
            assertRefused(http.get(LambdaApi.EXTENSION_EVENT_NEXT), "Extension.MissingExtensionIdentifier");
        }

        @Test
        void refusesAnUnknownIdentifier() {
            assertRefused(http.eventNextAsync("3f0c39a4-0000-4000-8000-000000000000").join(),
                    "Extension.UnknownExtensionIdentifier");
        }

        @Test
        void deliversInvokeEventsAndHoldsTheInvocationUntilTheExtensionComesBack() throws Exception {
            String extension = http.register("watcher", "[\"INVOKE\"]");
            CompletableFuture<Response> firstPoll = http.eventNextAsync(extension);
            CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}").withTraceId("Root=1-a-b"));
            Response next = http.next();
            http.respond(ApiCalls.requestId(next), "ok");

            Response invoke = firstPoll.join();
            JsonNode event = JSON.readTree(invoke.asString());
            assertEquals("INVOKE", event.get("eventType").asText());
            assertEquals(next.header(LambdaApi.DEADLINE_MS), event.get("deadlineMs").asText());
            assertEquals(ApiCalls.requestId(next), event.get("requestId").asText());
            assertEquals("arn:aws:lambda:us-east-1:012345678912:function:ext-fn", event.get("invokedFunctionArn").asText());
            assertEquals("{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-a-b\"}", event.get("tracing").toString());
            assertEquals("application/json", invoke.header("Content-Type"));
            assertThrows(TimeoutException.class, () -> result.get(200, TimeUnit.MILLISECONDS),
                    "the invocation ended before the extension came back");

            http.eventNextAsync(extension);
            assertEquals("ok", result.join().bodyAsString());
        }

        @Test
        void doesNotHoldInvocationsForShutdownOnlyExtensions() {
            String extension = http.register("shutdown-only", "[\"SHUTDOWN\"]");
            CompletableFuture<Response> poll = http.eventNextAsync(extension);
            CompletableFuture<InvocationResult> result = simulator.invokeAsync(Invocation.of("{}"));
            http.respond(ApiCalls.requestId(http.next()), "ok");

            assertEquals("ok", result.join().bodyAsString());
            assertFalse(poll.isDone());
        }

        @Test
        void deliversShutdownWhenTheSimulatorShutsDown() throws Exception {
            String extension = http.register("closer", "[\"SHUTDOWN\"]");
            CompletableFuture<Response> poll = http.eventNextAsync(extension);
            long before = System.currentTimeMillis();

            simulator.shutdown();

            JsonNode event = JSON.readTree(poll.join().asString());
            assertEquals("SHUTDOWN", event.get("eventType").asText());
            assertEquals("spindown", event.get("shutdownReason").asText());
            long deadline = event.get("deadlineMs").asLong();
            assertTrue(deadline > before && deadline <= System.currentTimeMillis() + 2_000, "deadline " + deadline);
        }
    }

    static void assertRefused(Response response, String errorType) {
        assertEquals(403, response.statusCode(), response.asString());
        assertTrue(response.asString().contains("\"errorType\":\"" + errorType + "\""), response.asString());
        assertTrue(response.asString().startsWith("{\"errorMessage\":\""), response.asString());
        assertEquals("application/json", response.header("Content-Type"));
    }
}
