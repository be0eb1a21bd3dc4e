package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The soak's function. For the event {@code {"id":n,"context":c,"contextOf":m}} it notes {@code soak n} in the
 * {@link Journal} and answers {@code {"id":n,"rawReference":r,"contextIntact":i,"report":...}}: r tells whether the
 * context it got still was a content reference, i whether it was the report of invocation m (true when m is -1), and
 * the report is large enough for lrap to offload.
 */
public class Soak implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPORT_CHARS = 12_000;

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) throws IOException {
        byte[] answer = answer(event.readAllBytes());
        Journal.note(note(JSON.readTree(answer).get("id").intValue()));
        result.write(answer);
    }

    /** What the function answers to {@code event}; also for test code that plays the runtime. */
    public static byte[] answer(byte[] event) throws IOException {
        JsonNode request = JSON.readTree(event);
        String context = request.get("context").textValue();
        int contextOf = request.get("contextOf").intValue();
        ObjectNode answer = JSON.createObjectNode()
                .put("id", request.get("id").intValue())
                .put("rawReference", context.contains(Probe.REFERENCE_PREFIX))
                .put("contextIntact", contextOf < 0 || context.equals(report(contextOf)))
                .put("report", report(request.get("id").intValue()));
        return JSON.writeValueAsBytes(answer);
    }

    public static String event(int id, String context, int contextOf) {
        ObjectNode event = JSON.createObjectNode().put("id", id).put("context", context).put("contextOf", contextOf);
        return event.toString();
    }

    /** The report of invocation {@code id}, the same each time. */
    public static String report(int id) {
        return BigFields.text(id, REPORT_CHARS);
    }

    public static String note(int id) {
        return "soak " + id;
    }
}
