package dev.lrap.e2e.functions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Answers with {@link BigFields}' document as a function that works until shortly before its deadline: for the event
 * {@code {"fields":k,"fieldBytes":m,"millisLeft":t}} it makes the document first, then returns it once its invocation
 * has only {@code t} milliseconds left, or at once when it already has less.
 */
public class BigFieldsNearDeadline implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static String event(int fields, int fieldBytes, long millisLeft) {
        return "{\"fields\":" + fields + ",\"fieldBytes\":" + fieldBytes + ",\"millisLeft\":" + millisLeft + "}";
    }

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) throws IOException {
        JsonNode request = JSON.readTree(event);
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        String fields = BigFields.event(request.get("fields").intValue(), request.get("fieldBytes").intValue());
        new BigFields().handleRequest(new ByteArrayInputStream(fields.getBytes(StandardCharsets.UTF_8)), document, context);
        try {
            Thread.sleep(Math.max(0, context.getRemainingTimeInMillis() - request.get("millisLeft").longValue()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before the answer was due");
        }
        document.writeTo(result);
    }
}
