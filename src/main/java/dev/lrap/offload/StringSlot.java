package dev.lrap.offload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A string value in a JSON tree, as an object field or an array element, which can be swapped for another value. */
final class StringSlot {

    private final JsonNode parent;
    private final String field;
    private final int index;
    private final String value;
    private int utf8Length = -1;
    private boolean replaced;

    private StringSlot(JsonNode parent, String field, int index, String value) {
        this.parent = parent;
        this.field = field;
        this.index = index;
        this.value = value;
    }

    static StringSlot field(ObjectNode parent, String field) {
        return new StringSlot(parent, field, -1, parent.get(field).textValue());
    }

    static StringSlot element(ArrayNode parent, int index) {
        return new StringSlot(parent, null, index, parent.get(index).textValue());
    }

    /** The string as it was found. */
    String value() {
        return value;
    }

    /** The string's size in UTF-8, the measure of the original's {@code MAX_CONTENT_SIZE}. */
    int utf8Length() {
        if (utf8Length < 0) {
            utf8Length = Utf8.length(value);
        }
        return utf8Length;
    }

    void replaceWith(JsonNode replacement) {
        if (parent instanceof ObjectNode object) {
            object.set(field, replacement);
        } else {
            ((ArrayNode) parent).set(index, replacement);
        }
        replaced = true;
    }

    boolean replaced() {
        return replaced;
    }
}
