package dev.lrap.offload;

/**
 * A string value in a JSON text, by the place of its literal (quotes included) in the text's bytes, which can be
 * swapped for another JSON value. Its value is decoded only when asked for.
 */
final class StringSlot {

    private final byte[] text;
    private final int start;
    private final int end;
    private final String topLevelField;
    private final boolean atRoot;
    private String value;
    private byte[] replacement;

    StringSlot(byte[] text, int start, int end, String topLevelField, boolean atRoot) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.topLevelField = topLevelField;
        this.atRoot = atRoot;
    }

    /** The string as it was found. */
    String value() {
        if (value == null) {
            value = Json.stringValue(text, start, end);
        }
        return value;
    }

    /** The size of the literal in the text, quotes and escapes included: what moving it saves, less the reference. */
    int literalLength() {
        return end - start;
    }

    /** The name of the field it is, when it is a field of the top-level object. */
    boolean isTopLevelField(String name) {
        return name.equals(topLevelField);
    }

    /** Whether it is the whole document, not a field or an element. */
    boolean atRoot() {
        return atRoot;
    }

    /** Whether its literal may hold a reference: a plain scan of its bytes. */
    boolean mayHoldReference() {
        return ContentReference.mayOccurIn(text, start, end);
    }

    /** Whether its bytes are well-formed UTF-8, so its value is exactly what they say. */
    boolean isWellFormed() {
        return Utf8.isWellFormed(text, start, end);
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Puts another JSON value, given as its UTF-8 text, in place of the string. */
    void replaceWith(byte[] json) {
        replacement = json;
    }

    boolean replaced() {
        return replacement != null;
    }

    byte[] replacement() {
        return replacement;
    }
}
