package dev.lrap.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lrap.LambdaApi;
import dev.lrap.offload.DynamoDbLocal;

/** The dev environment runs the function it is given, the way Lambda starts a runtime. */
class DevEnvironmentTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    /** A custom runtime in bash: answers every event with the Runtime API it was pointed at. */
    private static final String RUNTIME = """
            api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
            while true; do
                id=$(curl -sS --noproxy '*' -D - -o /dev/null "$api/invocation/next" \\
                    | tr -d '\\r' | awk -F': ' 'tolower($1) == "lambda-runtime-aws-request-id" { print $2 }')
                curl -sS --noproxy '*' -o /dev/null -d "{\\"via\\":\\"$AWS_LAMBDA_RUNTIME_API\\"}" "$api/invocation/$id/response"
            done
            """;

    @TempDir
    Path dir;

    /**
     * Without lrap in between: the wrapper points the function at lrap's port, which here is the simulator's own, so
     * the answer shows the function went through the wrapper.
     */
    @Test
    void startsTheGivenFunctionThroughTheWrapperOnceAnExtensionHasRegistered() throws Exception {
        Path runtime = dir.resolve("runtime.sh");
        Files.writeString(runtime, RUNTIME);
        int port = DynamoDbLocal.freePort();
        DevPlan plan = new DevPlan(true, Optional.empty(), DynamoDbLocal.TABLE, port, 0, port, Optional.of("bash " + runtime),
                PROJECT);

        try (DevEnvironment environment = DevEnvironment.start(plan)) {
            assertEquals("127.0.0.1:" + port, environment.lrapSettings().get("lrap.runtime-api-endpoint"));
            assertTrue(environment.lrapSettings().get("quarkus.dynamodb.endpoint-override").startsWith("http://"));
            registerExtension(port);

            URI invoke = environment.invokeUri().orElseThrow();

            given().body("{}").post(invoke).then().body(equalTo("{\"via\":\"127.0.0.1:" + port + "\"}"));
            given().get(invoke.resolve(DevEnvironment.ITEMS + "record-unknown")).then().statusCode(404);
        }
    }

    /**
     * Registers like lrap and waits for events, which completes the extension's init; the wait ends with the
     * environment.
     */
    private static void registerExtension(int port) {
        URI api = URI.create("http://127.0.0.1:" + port + LambdaApi.EXTENSION + "/");
        String identifier = given().header(LambdaApi.EXTENSION_NAME, "lrap").body("{\"events\":[\"SHUTDOWN\"]}")
                .post(api.resolve("register")).then().statusCode(200).extract().header(LambdaApi.EXTENSION_IDENTIFIER);
        CompletableFuture.runAsync(() -> given().header(LambdaApi.EXTENSION_IDENTIFIER, identifier).get(api.resolve("event/next")));
    }
}
