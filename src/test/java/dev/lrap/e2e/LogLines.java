package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** lrap's output in Lambda's JSON log format, one object per line, and the metric documents among them. */
final class LogLines {

    /** ISO-8601 in UTC, with milliseconds, as Lambda's own JSON log lines have it. */
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogLines() {
    }

    /** Every line of {@code output}, each parsed, failing on the first that is not a JSON object with Lambda's fields. */
    static List<JsonNode> parse(String output) {
        return output.lines().map(LogLines::parseLine).toList();
    }

    private static JsonNode parseLine(String line) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(line);
        } catch (IOException notJson) {
            return fail("not a JSON line: " + line, notJson);
        }
        assertTrue(parsed != null && parsed.isObject(), () -> "not a JSON object: " + line);
        assertTrue(TIMESTAMP.matcher(parsed.path("timestamp").asText()).matches(), () -> "no ISO-8601 UTC timestamp in ms: " + line);
        assertTrue(LEVELS.contains(parsed.path("level").asText()), () -> "no Lambda log level: " + line);
        assertTrue(parsed.path("message").isTextual(), () -> "no message: " + line);
        assertTrue(!parsed.path("logger").asText().isEmpty(), () -> "no logger: " + line);
        return parsed;
    }

    /** The Embedded Metric Format documents among the lines. */
    static List<JsonNode> metricDocuments(List<JsonNode> lines) {
        return lines.stream().filter(line -> line.has("_aws")).toList();
    }
}
