package dev.lrap.delivery;

import static dev.lrap.delivery.Tools.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the production build ships (lrap.production.dirs: the JVM application, and the jars the native image is built
 * from) holds lrap and none of its dev environment: no class compiled from src/dev/java, none of the test-scoped
 * dependencies quarkus:dev runs it with.
 */
class ProductionBuildIT {

    private static final Path DEV_SOURCES = PROJECT.resolve("src/dev/java");

    /** The dev environment's dependencies, by package: DynamoDB Local with its SQLite, the Lambda runtime client. */
    private static final List<String> DEV_DEPENDENCIES = List.of("com/amazonaws/services/dynamodbv2/local/",
            "com/almworks/sqlite4java/", "com/amazonaws/services/lambda/runtime/");

    /** Every entry of every jar shipped, by jar. */
    private static Map<Path, List<String>> shipped;

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Stream.of(System.getProperty("lrap.production.dirs").split(","))
                .map(Path::of)
                .flatMap(ProductionBuildIT::walk)) {
            shipped = files.filter(file -> file.toString().endsWith(".jar"))
                    .collect(Collectors.toMap(jar -> jar, ProductionBuildIT::entries));
        }
    }

    @Test
    void shipsLrap() {
        assertTrue(shipped.values().stream().anyMatch(entries -> entries.contains("dev/lrap/LambdaApi.class")
                && entries.contains("dev/lrap/offload/OffloadTransformer.class")), shipped.keySet()::toString);
    }

    @Test
    void shipsNoClassOfTheDevEnvironment() throws IOException {
        List<String> devClasses;
        try (Stream<Path> sources = walk(DEV_SOURCES)) {
            devClasses = sources.map(source -> DEV_SOURCES.relativize(source).toString())
                    .filter(source -> source.endsWith(".java"))
                    .map(source -> source.substring(0, source.length() - ".java".length()))
                    .toList();
        }
        assertFalse(devClasses.isEmpty(), "no sources in " + DEV_SOURCES);
        assertEquals(Map.of(), found(entry -> devClasses.stream()
                .anyMatch(type -> entry.equals(type + ".class") || entry.startsWith(type + "$"))));
    }

    @Test
    void shipsNoDependencyOfTheDevEnvironment() {
        assertEquals(Map.of(), found(entry -> DEV_DEPENDENCIES.stream().anyMatch(entry::startsWith)));
    }

    /** The jars holding entries that match, with the first such entry. */
    private static Map<Path, String> found(Predicate<String> match) {
        return shipped.entrySet().stream()
                .filter(jar -> jar.getValue().stream().anyMatch(match))
                .collect(Collectors.toMap(Map.Entry::getKey,
                        jar -> jar.getValue().stream().filter(match).findFirst().orElseThrow()));
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }

    private static List<String> entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }
}
