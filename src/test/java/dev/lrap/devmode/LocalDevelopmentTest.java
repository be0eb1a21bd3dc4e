package dev.lrap.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The README's dev-mode walk-through: a 20 KB field comes back as a reference, the stored item can be looked at, and
 * the reference sent back in reaches the function as its content.
 */
@QuarkusTest
@TestProfile(LocalDevelopmentTest.DevMode.class)
class LocalDevelopmentTest {

    /** lrap with its dev-profile configuration, wired to the dev environment. */
    public static class DevMode implements QuarkusTestProfile {

        @Override
        public String getConfigProfile() {
            return "dev";
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DevEnvironmentResource.class));
        }
    }

    private static final String REFERENCE_PREFIX = "@content:dynamodb:table:";

    DevEnvironment environment;

    @Test
    void aLargeFieldTravelsAsAReferenceAndComesBackAsItsContent() {
        String page = "a".repeat(20_000);
        String event = "{\"page\":\"" + page + "\"}";

        String reference = invoke(event)
                .body("page", matchesPattern("@content:dynamodb:table:record-[0-9a-f-]{36}"))
                .body("receivedBytes", equalTo(event.length()))
                .extract().path("page");

        given().get(invokeUri().resolve(DevEnvironment.ITEMS + reference.substring(REFERENCE_PREFIX.length())))
                .then().statusCode(200)
                .body("content", equalTo(page))
                .body("bytes", equalTo(page.length() + 2));

        invoke("{\"page\":\"" + reference + "\"}")
                .body("receivedBytes", equalTo(event.length()));
    }

    private ValidatableResponse invoke(String event) {
        return given().contentType(ContentType.JSON).body(event).post(invokeUri()).then().statusCode(200);
    }

    private URI invokeUri() {
        return environment.invokeUri().orElseThrow();
    }
}
