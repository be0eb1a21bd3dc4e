package dev.lrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.lrap.simulator.InvocationResult;

/** JSON as the tests write events and read results: compact, keys in the order they were put. */
final class Documents {

    /** A reference as lrap writes it: the original's prefix and {@code record-<uuid v4>}. */
    static final Pattern REFERENCE = Pattern.compile(
            "@content:dynamodb:table:record-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static JsonNode json(InvocationResult result) {
        try {
            return JSON.readTree(result.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + result.bodyAsString(), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static byte[] bytes(JsonNode document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode document) {
        return document.toString();
    }

    static boolean isReference(JsonNode value) {
        return value.isTextual() && REFERENCE.matcher(value.textValue()).matches();
    }

    /** The record id a reference names. */
    static String recordId(JsonNode reference) {
        if (!isReference(reference)) {
            throw new AssertionError("not a content reference: " + reference);
        }
        return reference.textValue().substring("@content:dynamodb:table:".length());
    }
}
