package dev.lrap.delivery;

import static dev.lrap.delivery.Tools.PROJECT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** release.yml's publishing step, against a stand-in for the AWS CLI that records its calls. */
class PublishLayersScriptTest {

    private static final String SCRIPT = PROJECT.resolve(".github/scripts/publish-layers.sh").toString();

    @TempDir
    Path bin;
    private Path calls;

    @BeforeEach
    void fakeAwsCli() throws IOException {
        calls = bin.resolve("calls");
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/bin/sh
                echo "$*" >> "%s"
                if [ "$2" = publish-layer-version ]; then echo arn:aws:lambda:eu-west-1:123456789012:layer:lrap-x:7; fi
                """.formatted(calls));
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void publishesBothArchitecturesInEveryRegionWithTheTemplatesRuntimes() throws IOException {
        Tools.Result result = publish(Map.of("LAYER_REGIONS", "eu-west-1 us-east-1"));

        assertEquals(0, result.exitCode(), result.output());
        List<String> published = Files.readAllLines(calls);
        assertAll(
                () -> assertEquals(4, published.size(), "one publish-layer-version per region and architecture, no permission"),
                () -> assertTrue(published.get(0).contains("--region eu-west-1 --layer-name lrap-x86_64"), published.get(0)),
                () -> assertTrue(published.get(3).contains("--region us-east-1 --layer-name lrap-arm64"), published.get(3)),
                () -> assertTrue(published.get(3).contains("--zip-file fileb://layers/lrap-layer-arm64.zip"), published.get(3)),
                () -> assertTrue(published.get(3).contains("--compatible-architectures arm64 --compatible-runtimes "
                        + String.join(" ", templateRuntimes()) + " --query"), published.get(3)));
    }

    @Test
    void makesTheVersionsPublicOnlyWhenAsked() throws IOException {
        Tools.Result result = publish(Map.of("LAYER_REGIONS", "eu-west-1", "LAYER_PUBLIC", "true", "LAYER_NAME", "tools"));

        assertEquals(0, result.exitCode(), result.output());
        List<String> made = Files.readAllLines(calls);
        assertTrue(made.contains("lambda add-layer-version-permission --region eu-west-1 --layer-name tools-arm64"
                + " --version-number 7 --statement-id public --action lambda:GetLayerVersion --principal *"),
                String.join("\n", made));
    }

    @Test
    void refusesToRunWithoutRegions() {
        Tools.Result result = publish(Map.of());

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("LAYER_REGIONS"), result.output());
    }

    private Tools.Result publish(Map<String, String> env) {
        ProcessBuilder command = new ProcessBuilder(SCRIPT, "layers", "v1.0.0").directory(bin.toFile());
        command.environment().keySet().removeIf(name -> name.startsWith("LAYER_"));
        command.environment().putAll(env);
        command.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return Tools.run(command);
    }

    /** The list the script must find in sam/template.yaml: {@code Runtimes: [a, b, ...]}. */
    private static List<String> templateRuntimes() throws IOException {
        Matcher runtimes = Pattern.compile("Runtimes: \\[(.*)]").matcher(Files.readString(PROJECT.resolve("sam/template.yaml")));
        assertTrue(runtimes.find(), "no Runtimes list in sam/template.yaml");
        return List.of(runtimes.group(1).split(", *"));
    }
}
