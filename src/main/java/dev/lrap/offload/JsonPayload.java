package dev.lrap.offload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON event or response, with the string values the offload works on. In the API Gateway shape, a top-level
 * {@code body} string holding a JSON object or array, the strings inside that body count too (as in the original)
 * and the body is written back as a string.
 */
final class JsonPayload {

    private static final String BODY = "body";

    private final JsonNode document;
    private final JsonNode body;
    private final List<StringSlot> documentStrings = new ArrayList<>();
    private final List<StringSlot> bodyStrings = new ArrayList<>();
    private boolean marked;

    private JsonPayload(JsonNode document, JsonNode body) {
        this.document = document;
        this.body = body;
        collect(document, documentStrings);
        if (body != null) {
            collect(body, bodyStrings);
        }
    }

    /** The payload as JSON, or empty when it is not JSON and must pass as it is. */
    static Optional<JsonPayload> parse(byte[] bytes) {
        return Json.parse(bytes).map(document -> new JsonPayload(document, jsonBody(document)));
    }

    /** Every string value in the payload, object fields and array elements at any depth. */
    Stream<StringSlot> strings() {
        return Stream.concat(documentStrings.stream(), bodyStrings.stream());
    }

    /** Adds the original's debug marker ({@code proxy_in} or {@code proxy_out}) to a top-level object. */
    void mark(String marker) {
        if (document instanceof ObjectNode object) {
            object.put(marker, true);
            marked = true;
        }
    }

    /** Whether {@link #toBytes()} would differ from the payload as it came. */
    boolean changed() {
        return marked || strings().anyMatch(StringSlot::replaced);
    }

    byte[] toBytes() {
        if (bodyStrings.stream().anyMatch(StringSlot::replaced)) {
            ((ObjectNode) document).put(BODY, Json.text(body));
        }
        return Json.bytes(document);
    }

    private static JsonNode jsonBody(JsonNode document) {
        JsonNode body = document.path(BODY);
        if (!document.isObject() || !body.isTextual()) {
            return null;
        }
        return Json.parse(body.textValue()).filter(JsonNode::isContainerNode).orElse(null);
    }

    private void collect(JsonNode node, List<StringSlot> strings) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(entry -> {
                if (entry.getValue().isTextual() && !isBody(object, entry.getKey())) {
                    strings.add(StringSlot.field(object, entry.getKey()));
                }
                collect(entry.getValue(), strings);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    strings.add(StringSlot.element(array, i));
                }
                collect(array.get(i), strings);
            }
        }
    }

    // the API Gateway body is walked inside rather than treated as one string
    private boolean isBody(ObjectNode object, String field) {
        return body != null && object == document && BODY.equals(field);
    }
}
