package dev.lrap.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.lrap.delivery.Tools;
import dev.lrap.e2e.functions.Echo;
import dev.lrap.simulator.Invocation;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The README's recipe for reading a reference without lrap, run as the README prints it, with the AWS CLI, against
 * items that lrap itself stored from a function's response: one of each of the three forms an item can have.
 */
class ReadingReferencesIT {

    /** The fenced block of the README that defines the recipe's shell function. */
    private static final Pattern RECIPE = Pattern.compile("```sh\n(# lrap_content RECORD_ID .*?)```", Pattern.DOTALL);

    /** Characters from one to three UTF-8 bytes, quotes, backslashes and line breaks: text that needs escaping. */
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 \"\\\n\tüßé€✓";

    /** Returns its event, so that the test decides the text that lrap stores. */
    @RegisterExtension
    static final LambdaEnvironment tool = LambdaEnvironment.of(Echo.class).build();

    private static String recipe;

    @TempDir
    Path dir;

    @BeforeAll
    static void readRecipe() throws IOException {
        Tools.requireTool("aws");
        Matcher block = RECIPE.matcher(Files.readString(Path.of("README.md")));
        assertTrue(block.find(), "README.md has no block defining lrap_content");
        recipe = block.group(1);
    }

    @Test
    void plainItem() {
        String id = offload(text(20_000));

        assertEquals(Set.of("id", "content", "timestamp", "expires_at"), item(id).keySet());
        assertRecipeReads(id, text(20_000));
    }

    @Test
    void compressedItem() {
        String id = offload(text(400_000));

        assertEquals(Set.of("id", "content_gz", "length", "sha256", "timestamp", "expires_at"), item(id).keySet());
        assertChecksMatch(id, assertRecipeReads(id, text(400_000)));
    }

    @Test
    void chunkedItem() {
        String id = offload(text(1_000_000));

        assertEquals(Set.of("id", "chunks", "length", "sha256", "timestamp", "expires_at"), item(id).keySet());
        assertTrue(Integer.parseInt(item(id).get("chunks").n()) > 1, () -> item(id).toString());
        assertChecksMatch(id, assertRecipeReads(id, text(1_000_000)));
    }

    @Test
    void missingItemFailsInsteadOfPrintingSomething() {
        Recipe read = runRecipe("record-00000000-0000-4000-8000-000000000000");

        assertTrue(read.exitCode() != 0, read::toString);
        assertEquals("", read.stdout(), read::toString);
    }

    /** The function returns {@code {"page": text}}; lrap offloads the page and the test gets its record id. */
    private static String offload(String text) {
        JsonNode response = Documents.json(tool.invoke(Invocation.of(Documents.bytes(
                Documents.object().put("page", text)))));
        return Documents.recordId(response.get("page"));
    }

    /** @return what the recipe printed */
    private String assertRecipeReads(String id, String text) {
        Recipe read = runRecipe(id);

        assertEquals(0, read.exitCode(), read::toString);
        assertEquals(TextNode.valueOf(text), Documents.json(read.stdout()));
        return read.stdout();
    }

    /** What the README says of the output: its size and SHA-256 are the item's {@code length} and {@code sha256}. */
    private static void assertChecksMatch(String id, String printed) {
        byte[] output = printed.getBytes(UTF_8);
        assertEquals(item(id).get("length").n(), Integer.toString(output.length));
        assertEquals(item(id).get("sha256").s(), sha256(output));
    }

    private static Map<String, AttributeValue> item(String id) {
        return tool.contentTable().item(id);
    }

    /**
     * Runs the README's block, then {@code lrap_content id}. The only addition points the CLI at DynamoDB Local:
     * {@code --endpoint-url}, because the CLI versions that Linux distributions package ignore
     * {@code AWS_ENDPOINT_URL_DYNAMODB}.
     */
    private Recipe runRecipe(String id) {
        String script = "aws() { command aws --endpoint-url \"$DYNAMODB_ENDPOINT\" \"$@\"; }\n" + recipe
                + "lrap_content \"$1\"\n";
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script, "bash", id)
                .redirectError(dir.resolve("stderr").toFile());
        Map<String, String> environment = bash.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("DYNAMODB_ENDPOINT", tool.contentTable().endpoint().toString());
        environment.put("AGENT_CONTEXT_TABLE", ContentTable.NAME);
        // DynamoDB Local keeps one database per access key and region: lrap's
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        try {
            Process process = bash.start();
            String stdout = new String(process.getInputStream().readAllBytes(), UTF_8);
            return new Recipe(process.waitFor(), stdout, Files.readString(dir.resolve("stderr")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Recipe(int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit code " + exitCode + ", stderr: " + stderr + ", stdout: "
                    + stdout.substring(0, Math.min(stdout.length(), 200));
        }
    }

    /** Random text of {@code length} characters, the same for the same length: it compresses little. */
    private static String text(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length);
        random.ints(length, 0, ALPHABET.length()).forEach(i -> text.append(ALPHABET.charAt(i)));
        return text.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
