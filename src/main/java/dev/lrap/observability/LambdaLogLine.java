package dev.lrap.observability;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A line lrap prints itself, outside the logging system: when it cannot start, logging may not be set up, or set up
 * from the very configuration that failed. In Lambda's JSON log format it is an object with the fields of the JSON
 * console log; otherwise the message alone, as the text format shows it.
 */
public final class LambdaLogLine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaLogLine() {
    }

    /** The line for {@code message} at {@code level}, written by {@code logger}. */
    public static String of(String level, Class<?> logger, String message) {
        if (!LambdaLogFormat.isJson()) {
            return message;
        }
        return JSON.createObjectNode()
                .put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("level", level)
                .put("message", message)
                .put("logger", logger.getName())
                .toString();
    }
}
