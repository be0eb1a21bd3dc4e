package dev.lrap.proxy;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Lambda's error document, as runtimes post it and as Lambda answers with it: the only place lrap writes one.
 * The message is cut to {@link #MAX_MESSAGE_BYTES}, because it is built from exceptions that lrap does not control.
 *
 * @param errorType what failed, for example {@code Lrap.EventTransformFailed}
 * @param errorMessage why, never payload content
 */
public record LambdaError(String errorType, String errorMessage) {

    /** The longest message, in UTF-8 bytes: enough for any explanation, never a payload. */
    public static final int MAX_MESSAGE_BYTES = 4096;

    public LambdaError {
        errorMessage = bounded(errorMessage == null ? "" : errorMessage);
    }

    /** The document as JSON, with the empty stack trace runtimes send when they have none to tell. */
    public Buffer toJson() {
        return new JsonObject()
                .put("errorMessage", errorMessage)
                .put("errorType", errorType)
                .put("stackTrace", new JsonArray())
                .toBuffer();
    }

    private static String bounded(String message) {
        if (message.length() * 3L <= MAX_MESSAGE_BYTES
                || message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        String ellipsis = "...";
        int bytes = ellipsis.length();
        int end = 0;
        while (end < message.length()) {
            int codePoint = message.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_MESSAGE_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return message.substring(0, end) + ellipsis;
    }
}
