package dev.lrap.devmode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The function dev mode runs unless {@code LRAP_DEV_FUNCTION} names another: a tool that answers with the event it
 * received plus {@code receivedBytes}, the size of the event as it reached the function. A reference lrap resolved
 * shows as the size of its content.
 */
public class SampleTool implements RequestStreamHandler {

    /** The handler as Lambda names it. */
    public static final String HANDLER = SampleTool.class.getName() + "::handleRequest";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        JsonNode received = JSON.readTree(event);
        ObjectNode answer = received instanceof ObjectNode fields ? fields : JSON.createObjectNode().set("event", received);
        answer.put("receivedBytes", event.length);
        output.write(JSON.writeValueAsBytes(answer));
    }
}
