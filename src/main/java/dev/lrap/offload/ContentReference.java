package dev.lrap.offload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.lrap.observability.LogText;

/**
 * The string that stands in a payload for offloaded content, {@code @content:dynamodb:table:<id>}, spelled as the
 * original extension spells it. The word {@code table} is literal: every reader looks the id up in its own table.
 */
final class ContentReference {

    static final String PREFIX = "@content:dynamodb:table:";

    private static final String ID_PREFIX = "record-";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    /** The last byte of every overlong spelling of {@code @}, whose six low bits are all zero. */
    static final byte OVERLONG_AT_END = (byte) 0x80;
    private static final Pattern ISSUED_ID = Pattern.compile("record-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The length of a reference to an id lrap issues: what a string still costs in a payload once offloaded. */
    static final int LENGTH = PREFIX.length() + ID_PREFIX.length() + UUID.randomUUID().toString().length();

    private ContentReference() {
    }

    /** A fresh record id, {@code record-<uuid v4>} like the original's. */
    static String newId() {
        return ID_PREFIX + UUID.randomUUID();
    }

    static String to(String id) {
        return PREFIX + id;
    }

    static boolean isReference(String value) {
        return value.startsWith(PREFIX);
    }

    /**
     * Whether a JSON text may hold a reference: it has the prefix, as it is or with characters spelled overlong, or a
     * <code>&#92;u</code> escape, which could spell the prefix another way. A plain scan of the bytes, far cheaper than
     * parsing them.
     */
    static boolean mayOccurIn(byte[] json) {
        return mayOccurIn(json, 0, json.length);
    }

    /** Whether the bytes from {@code start} to {@code end} may hold a reference, as {@link #mayOccurIn(byte[])} tells. */
    static boolean mayOccurIn(byte[] json, int start, int end) {
        return anyCandidateIn(json, start, end, true);
    }

    /**
     * Whether text that no JSON parser reads may still show its reader a reference: it has the prefix as it is, or a
     * <code>&#92;u</code> escape, which a reader that replaces the bytes it cannot decode (as Node's does) may read as
     * one. An overlong {@code @} does not count: only a reader as lenient as Jackson decodes it, and Jackson fails on
     * such a text as lrap's own parser, Jackson too, did.
     */
    static boolean mayShowIn(byte[] text) {
        return anyCandidateIn(text, 0, text.length, false);
    }

    private static boolean anyCandidateIn(byte[] json, int start, int end, boolean overlongAt) {
        for (int i = nextCandidate(json, start, end); i < end; i = nextCandidate(json, i + 1, end)) {
            if ((overlongAt || json[i] != OVERLONG_AT_END) && mayStartAt(json, i, end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index of the next byte from {@code from} on at which a reference, or an escape that could spell one, may
     * start, or {@code end}: the few places a scan then looks at closer with {@link #mayStartAt}.
     */
    static int nextCandidate(byte[] json, int from, int end) {
        return ByteScan.indexOfAny(json, from, end, (byte) '\\', (byte) '@', OVERLONG_AT_END, OVERLONG_AT_END);
    }

    /**
     * Whether a reference, or an escape or overlong byte sequence that could spell one, is at {@code i}, the text
     * ending at {@code end}. The candidates are the bytes {@link #nextCandidate} finds.
     */
    static boolean mayStartAt(byte[] json, int i, int end) {
        return switch (json[i]) {
            case '\\' -> i + 1 < end && json[i + 1] == 'u';
            case '@' -> continuesPrefix(json, i + 1, end);
            case OVERLONG_AT_END -> endsOverlongAt(json, i) && continuesPrefix(json, i + 1, end);
            default -> false;
        };
    }

    /**
     * Whether the byte at {@code i} ends an overlong {@code @}: {@code C1 80} or {@code E0 81 80}. Such bytes are not
     * UTF-8, but Jackson, and with it the Java runtimes' own event reading, decodes them as {@code @}, so a handler
     * would get a reference spelled that way as a plain string.
     */
    private static boolean endsOverlongAt(byte[] json, int i) {
        return i >= 1 && json[i - 1] == (byte) 0xC1 || i >= 2 && json[i - 2] == (byte) 0xE0 && json[i - 1] == (byte) 0x81;
    }

    /** Whether the prefix's characters after the {@code @} start at {@code from}, each as it is or spelled overlong. */
    private static boolean continuesPrefix(byte[] json, int from, int end) {
        int rest = PREFIX_BYTES.length - 1;
        if (from + rest <= end && Arrays.equals(json, from, from + rest, PREFIX_BYTES, 1, PREFIX_BYTES.length)) {
            return true;
        }
        int at = from;
        for (int k = 1; k < PREFIX_BYTES.length && at >= 0; k++) {
            at = afterCharacter(json, at, end, PREFIX_BYTES[k]);
        }
        return at >= 0;
    }

    /**
     * Where the ASCII character {@code c} that starts at {@code i}, as it is or in its two or three byte overlong form,
     * ends, or -1 when it is not there.
     */
    private static int afterCharacter(byte[] json, int i, int end, byte c) {
        byte last = (byte) (0x80 | c & 0x3F);
        if (i < end && json[i] == c) {
            return i + 1;
        } else if (i + 1 < end && json[i] == (byte) (0xC0 | c >> 6) && json[i + 1] == last) {
            return i + 2;
        } else if (i + 2 < end && json[i] == (byte) 0xE0 && json[i + 1] == (byte) (0x80 | c >> 6) && json[i + 2] == last) {
            return i + 3;
        }
        return -1;
    }

    /**
     * Whether {@code id} is in the form lrap and the original extension issue, {@code record-<uuid>}: no other item
     * of the table can be named by a reference.
     */
    static boolean isIssued(String id) {
        return ISSUED_ID.matcher(id).matches();
    }

    /** The reference to {@code id} as a log line or an error message may show it. */
    static String describe(String id) {
        return PREFIX + LogText.excerpt(id);
    }

    /** The record id of a string for which {@link #isReference} holds. */
    static String idOf(String reference) {
        return reference.substring(PREFIX.length());
    }
}
