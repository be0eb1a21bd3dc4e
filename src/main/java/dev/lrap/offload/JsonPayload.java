package dev.lrap.offload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A JSON event or response as the bytes it came in, with the string values the offload works on, found in one
 * streaming pass. A change replaces a whole string literal and nothing else: every other byte stays as it came
 * (even bytes Jackson reads leniently, such as an overlong UTF-8 form), and nothing is nested too deep to write
 * back, because nothing is written but strings.
 * <p>
 * A string that holds a JSON object or array can be {@linkplain #open opened} as a payload of its own; once that
 * changes, the string is written again, as a string.
 */
final class JsonPayload {

    private final byte[] bytes;
    private final Predicate<StringSlot> kept;
    private final List<StringSlot> strings = new ArrayList<>();
    private final Set<String> topLevelFields = new HashSet<>();
    private final Map<StringSlot, JsonPayload> opened = new IdentityHashMap<>();
    /** Where the top-level object's closing brace is, or -1 when the document is not an object. */
    private int objectEnd = -1;
    private boolean emptyObject = true;
    private byte[] marker;

    private JsonPayload(byte[] bytes, Predicate<StringSlot> kept) {
        this.bytes = bytes;
        this.kept = kept;
    }

    /**
     * Reads a payload.
     *
     * @param kept which strings the offload works on: only those are kept, as a payload of a few megabytes can hold
     *        millions of strings
     * @throws com.fasterxml.jackson.core.exc.StreamConstraintsException when it is beyond lrap's parser limits
     * @throws IOException when it is not exactly one JSON value in UTF-8
     */
    static JsonPayload parse(byte[] bytes, Predicate<StringSlot> kept) throws IOException {
        JsonPayload payload = new JsonPayload(bytes, kept);
        try (JsonParser parser = Json.parser(bytes)) {
            payload.scan(parser);
        }
        return payload;
    }

    private void scan(JsonParser parser) throws IOException {
        int values = 0;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            JsonStreamContext context = parser.getParsingContext();
            JsonStreamContext around = token.isStructStart() ? context.getParent() : context;
            if ((token.isStructStart() || token.isScalarValue()) && around.inRoot() && ++values > 1) {
                throw new JsonParseException(parser, "more than one value");
            }
            boolean topLevel = around.inObject() && around.getParent().inRoot();
            if (token == JsonToken.FIELD_NAME && topLevel) {
                topLevelFields.add(parser.currentName());
                emptyObject = false;
            } else if (token == JsonToken.VALUE_STRING) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                StringSlot slot = new StringSlot(bytes, start, literalEnd(start), topLevel ? parser.currentName() : null, around.inRoot());
                if (kept.test(slot)) {
                    strings.add(slot);
                }
            } else if (token == JsonToken.END_OBJECT && context.inRoot()) {
                objectEnd = (int) parser.currentTokenLocation().getByteOffset();
            }
        }
        if (values == 0) {
            throw new JsonParseException(parser, "no value");
        }
    }

    // the parser checks the literal when it moves on; here it is only measured
    private int literalEnd(int start) {
        int i = start + 1;
        while (i < bytes.length && bytes[i] != '"') {
            i += bytes[i] == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, bytes.length);
    }

    /** The string values of this text, object fields and array elements at any depth, and the document if a string. */
    Stream<StringSlot> strings() {
        return strings.stream();
    }

    /** Whether the top-level object has all these fields. */
    boolean hasTopLevelFields(String... names) {
        return Stream.of(names).allMatch(topLevelFields::contains);
    }

    /**
     * The JSON object or array a string of this text holds, as a payload of its own, whose changes
     * {@link #toBytes} writes back into the string.
     */
    Optional<JsonPayload> open(StringSlot slot) {
        JsonPayload inner = opened.get(slot);
        if (inner != null) {
            return Optional.of(inner);
        }
        Optional<JsonPayload> parsed = Optional.of(slot).filter(JsonPayload::mayHoldJson)
                .flatMap(json -> Json.utf8(json.value()))
                .flatMap(this::parseOrEmpty);
        parsed.ifPresent(payload -> opened.put(slot, payload));
        return parsed;
    }

    /** Whether the string starts like a JSON object or array, the only values worth opening. */
    static boolean mayHoldJson(StringSlot slot) {
        String value = slot.value();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private Optional<JsonPayload> parseOrEmpty(byte[] text) {
        try {
            return Optional.of(parse(text, kept));
        } catch (IOException notJsonOrTooDeep) {
            return Optional.empty();
        }
    }

    /** The strings of this text and of every string opened in it, at any depth. */
    Stream<StringSlot> allStrings() {
        return Stream.concat(strings(), opened.values().stream().flatMap(JsonPayload::allStrings));
    }

    /** Adds the original's debug marker ({@code proxy_in} or {@code proxy_out}) to a top-level object. */
    void mark(String name) {
        if (objectEnd >= 0) {
            marker = ((emptyObject ? "" : ",") + Json.literalText(name) + ":true").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Whether {@link #toBytes} would differ from the payload as it came. */
    boolean changed() {
        return marker != null || strings.stream().anyMatch(StringSlot::replaced)
                || opened.values().stream().anyMatch(JsonPayload::changed);
    }

    /**
     * The payload with its changes.
     *
     * @return empty when it would be larger than {@code maxSize} bytes; nothing that large is built
     */
    Optional<byte[]> toBytes(long maxSize) {
        List<Edit> edits = new ArrayList<>();
        long size = bytes.length;
        for (StringSlot slot : strings) {
            byte[] replacement = slot.replaced() ? slot.replacement() : null;
            JsonPayload inner = opened.get(slot);
            if (replacement == null && inner != null && inner.changed()) {
                Optional<byte[]> literal = inner.toBytes(maxSize).map(text -> new String(text, StandardCharsets.UTF_8))
                        .filter(text -> Json.literalLength(text) <= maxSize)
                        .map(Json::literal);
                if (literal.isEmpty()) {
                    return Optional.empty();
                }
                replacement = literal.get();
            }
            if (replacement != null) {
                edits.add(new Edit(slot.start(), slot.end(), replacement));
                size += replacement.length - slot.literalLength();
            }
        }
        if (marker != null) {
            edits.add(new Edit(objectEnd, objectEnd, marker));
            size += marker.length;
        }
        return size > maxSize ? Optional.empty() : Optional.of(splice(edits, (int) size));
    }

    private byte[] splice(List<Edit> edits, int size) {
        edits.sort(Comparator.comparingInt(Edit::start));
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        int at = 0;
        for (Edit edit : edits) {
            out.write(bytes, at, edit.start() - at);
            out.writeBytes(edit.replacement());
            at = edit.end();
        }
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private record Edit(int start, int end, byte[] replacement) {
    }
}
