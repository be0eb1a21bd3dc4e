package dev.lrap.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Unzipped content comes back only whole: as long as it was and with its SHA-256, or not at all. */
class CheckedGzipTest {

    private static final byte[] TEXT = "All work and no play makes Jack a dull boy. ".repeat(1_000)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void contentComesBackAsItWas() {
        byte[] random = new byte[100_000];
        new Random(3).nextBytes(random);

        for (byte[] data : new byte[][] { TEXT, random, new byte[0] }) {
            assertArrayEquals(data, roundTrip(data));
        }
    }

    @Test
    void repetitiveContentShrinks() {
        assertTrue(CheckedGzip.compress(TEXT).length < TEXT.length / 10);
    }

    @Test
    void theDigestIsSha256InLowerCaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                CheckedGzip.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void contentLongerThanItsLengthIsRefused() {
        // a gzip bomb as much as a damaged item: unzipping stops one byte past the announced length
        byte[] tenMegabytesOfZeros = CheckedGzip.compress(new byte[10 * 1024 * 1024]);

        assertRefused("does not have its length of 1000 bytes",
                () -> CheckedGzip.decompress(tenMegabytesOfZeros, 1_000, CheckedGzip.sha256(new byte[1_000])));
    }

    @Test
    void contentShorterThanItsLengthIsRefused() {
        assertRefused("does not have its length",
                () -> CheckedGzip.decompress(CheckedGzip.compress(TEXT), TEXT.length + 1, CheckedGzip.sha256(TEXT)));
    }

    @Test
    void contentThatFailsItsDigestIsRefused() {
        assertRefused("does not match its SHA-256",
                () -> CheckedGzip.decompress(CheckedGzip.compress(TEXT), TEXT.length, "0".repeat(64)));
    }

    @Test
    void aCutOrForeignStreamIsRefused() {
        byte[] gzip = CheckedGzip.compress(TEXT);

        assertRefused("cannot be unzipped", () -> CheckedGzip.decompress(Arrays.copyOf(gzip, gzip.length / 2),
                TEXT.length, CheckedGzip.sha256(TEXT)));
        assertRefused("cannot be unzipped", () -> CheckedGzip.decompress(TEXT, TEXT.length, CheckedGzip.sha256(TEXT)));
    }

    private static byte[] roundTrip(byte[] data) {
        return CheckedGzip.decompress(CheckedGzip.compress(data), data.length, CheckedGzip.sha256(data));
    }

    private static void assertRefused(String reason, Runnable decompress) {
        ContentStoreException refused = assertThrows(ContentStoreException.class, decompress::run);
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }
}
