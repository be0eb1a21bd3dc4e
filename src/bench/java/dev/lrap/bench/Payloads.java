package dev.lrap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Benchmark data of exact sizes, the same in every run: text that compresses about like prose, JSON documents
 * shaped like an agent's conversation, and bytes that are not JSON at all. Everything is ASCII without characters
 * JSON escapes, so a document's size is its length.
 */
public final class Payloads {

    private static final String[] WORDS = vocabulary(2_000, new Random(1));

    private Payloads() {
    }

    /** {@code length} characters of words; a different {@code seed} gives different text. */
    public static String text(int length, long seed) {
        return text(length, new Random(seed));
    }

    /**
     * A JSON object of {@code size} bytes: a list of messages whose contents run up to 8,000 characters, some
     * numbers, and a padding string that makes the size exact.
     */
    public static byte[] conversation(int size) {
        Random random = new Random(size);
        int longest = Math.min(8_000, Math.max(20, size / 8));
        String end = "],\"padding\":\"\"}";
        StringBuilder json = new StringBuilder(size).append("{\"messages\":[");
        for (int id = 0;; id++) {
            String message = (id == 0 ? "" : ",") + "{\"id\":" + id + ",\"role\":\"" + (id % 2 == 0 ? "user" : "assistant")
                    + "\",\"content\":\"" + text(20 + random.nextInt(longest - 19), random)
                    + "\",\"tokens\":" + random.nextInt(4_000) + "}";
            if (json.length() + message.length() + end.length() > size) {
                break;
            }
            json.append(message);
        }
        int padding = size - json.length() - end.length();
        json.append("],\"padding\":\"").append(text(padding, random)).append("\"}");
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The length of the longest string, name or value, in a JSON document of ASCII text. */
    public static int longestString(byte[] json) {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            int longest = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    longest = Math.max(longest, parser.getTextLength());
                }
            }
            return longest;
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON document", e);
        }
    }

    /** {@code size} bytes of text that no JSON parser accepts, so lrap passes it on without parsing it through. */
    public static byte[] opaque(int size) {
        return text(size, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(int length, Random random) {
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        text.setLength(length);
        return text.toString();
    }

    private static String[] vocabulary(int size, Random random) {
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            char[] word = new char[2 + random.nextInt(9)];
            for (int c = 0; c < word.length; c++) {
                word[c] = (char) ('a' + random.nextInt(26));
            }
            words[i] = new String(word);
        }
        return words;
    }
}
