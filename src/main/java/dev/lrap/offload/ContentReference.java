package dev.lrap.offload;

import java.util.UUID;

/**
 * The string that stands in a payload for offloaded content, {@code @content:dynamodb:table:<id>}, spelled as the
 * original extension spells it. The word {@code table} is literal: every reader looks the id up in its own table.
 */
final class ContentReference {

    static final String PREFIX = "@content:dynamodb:table:";

    private static final String ID_PREFIX = "record-";

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

    /** The record id of a string for which {@link #isReference} holds. */
    static String idOf(String reference) {
        return reference.substring(PREFIX.length());
    }
}
