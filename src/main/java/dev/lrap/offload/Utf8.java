package dev.lrap.offload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Sizes of text in UTF-8, the unit of {@code MAX_CONTENT_SIZE}, payload limits and DynamoDB's item limit. */
final class Utf8 {

    private static final int DECODING_WINDOW = 8 * 1024;

    private Utf8() {
    }

    /** The UTF-8 size of {@code text}, counted without encoding it: a payload can hold megabytes of strings. */
    static int length(CharSequence text) {
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

    /**
     * Whether the bytes are well-formed UTF-8, by the JDK's strict decoder: no overlong forms such as {@code C1 81},
     * no encoded surrogates, no stray bytes. Jackson's parser accepts some of these and reads them as other
     * characters, so a string is moved only when it is well-formed.
     */
    static boolean isWellFormed(byte[] bytes, int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        // decoded a window at a time, as stored content of megabytes would otherwise take twice its size in chars;
        // a window holds a surrogate pair at least, so each round decodes something
        CharBuffer window = CharBuffer.allocate(Math.max(2, Math.min(end - start, DECODING_WINDOW)));
        for (CoderResult result = decoder.decode(in, window, true); !result.isUnderflow(); result = decoder.decode(in, window, true)) {
            if (result.isError()) {
                return false;
            }
            window.clear();
        }
        return true;
    }
}
