package dev.lrap.offload;

/**
 * A value on its way into the content table.
 *
 * @param id its record id, the part of the reference after the prefix
 * @param json its JSON text; for a string, the string literal with quotes and escapes
 */
record Content(String id, String json) {
}
