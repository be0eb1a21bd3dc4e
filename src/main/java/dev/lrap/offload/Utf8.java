package dev.lrap.offload;

/** Sizes of text in UTF-8, the unit of {@code MAX_CONTENT_SIZE}, payload limits and DynamoDB's item limit. */
final class Utf8 {

    private Utf8() {
    }

    /** The UTF-8 size of {@code text}, counted without encoding it: a payload can hold megabytes of strings. */
    static int length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
