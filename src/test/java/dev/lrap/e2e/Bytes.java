package dev.lrap.e2e;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

/** Binary payloads for the streaming tests. */
final class Bytes {

    private Bytes() {
    }

    /** Random bytes with every value, CR and LF included, so that nothing in between may treat them as text. */
    static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        parts.forEach(joined::writeBytes);
        return joined.toByteArray();
    }
}
