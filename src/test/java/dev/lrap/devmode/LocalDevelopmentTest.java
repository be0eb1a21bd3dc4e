package dev.lrap.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The README's dev-mode walk-through: a 20 KB field comes back as a reference, the stored item can be looked at, and
 * the reference sent back in reaches the function as its content.
 */
@QuarkusTest
@TestProfile(LocalDevelopmentTest.DevMode.class)
class LocalDevelopmentTest {

    /** lrap with its dev-profile configuration, wired to the dev environment, and to nothing the other tests start. */
    public static class DevMode implements QuarkusTestProfile {

        @Override
        public String getConfigProfile() {
            return "dev";
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DevEnvironmentResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final String REFERENCE_PREFIX = "@content:dynamodb:table:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    DevEnvironment environment;

    @Test
    void aLargeFieldTravelsAsAReferenceAndComesBackAsItsContent() throws Exception {
        String page = "a".repeat(20_000);
        String event = "{\"page\":\"" + page + "\"}";

        JsonNode offloaded = invoke(event);
        String reference = offloaded.path("page").asText();
        assertTrue(reference.matches("@content:dynamodb:table:record-[0-9a-f-]{36}"), offloaded.toString());
        assertEquals(event.length(), offloaded.path("receivedBytes").asInt());

        JsonNode item = get(DevEnvironment.ITEMS + reference.substring(REFERENCE_PREFIX.length()));
        assertEquals(page, item.path("content").asText());
        assertEquals(page.length() + 2, item.path("bytes").asInt());

        JsonNode resolved = invoke("{\"page\":\"" + reference + "\"}");
        assertEquals(event.length(), resolved.path("receivedBytes").asInt());
    }

    private JsonNode invoke(String event) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(invokeUri()).POST(BodyPublishers.ofString(event)));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(invokeUri().resolve(path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private URI invokeUri() {
        return environment.invokeUri().orElseThrow();
    }
}
