package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Returns a JSON object with big string fields, as a tool returns a web page or a file: for the event
 * {@code {"fields":k,"fieldBytes":m}} the fields {@code field0} to {@code field<k-1>}, each {@link #text} of m
 * characters.
 */
public class BigFields implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The text of field {@code index}: random printable ASCII, quotes and backslashes included, so it compresses about
     * as badly as text can and needs escaping in JSON. The same for the same arguments, so tests know it.
     */
    public static String text(int index, int length) {
        StringBuilder text = new StringBuilder(length);
        new Random(index).ints(length, 0x20, 0x7f).forEach(c -> text.append((char) c));
        return text.toString();
    }

    public static String event(int fields, int fieldBytes) {
        return "{\"fields\":" + fields + ",\"fieldBytes\":" + fieldBytes + "}";
    }

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) throws IOException {
        JsonNode request = JSON.readTree(event);
        ObjectNode document = JSON.createObjectNode();
        for (int i = 0; i < request.get("fields").intValue(); i++) {
            document.put("field" + i, text(i, request.get("fieldBytes").intValue()));
        }
        JSON.writeValue(result, document);
    }
}
