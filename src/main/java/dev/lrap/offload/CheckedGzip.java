package dev.lrap.offload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip with the two checks that travel beside it: the length of the original bytes, which bounds what unzipping may
 * produce, and their SHA-256, which proves the stored bytes came back whole.
 */
final class CheckedGzip {

    private CheckedGzip() {
    }

    static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The SHA-256 of {@code data}, in lower-case hex. */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The bytes {@code gzip} holds, once they prove to be {@code length} bytes with the SHA-256 {@code sha256}. It
     * reads no more than {@code length} bytes, so a damaged or hostile stream cannot blow up memory.
     *
     * @throws ContentStoreException when the stream cannot be unzipped or fails either check
     */
    static byte[] decompress(byte[] gzip, int length, String sha256) {
        byte[] data;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            data = in.readNBytes(length);
            if (data.length != length || in.read() != -1) {
                throw new ContentStoreException("the stored content does not have its length of " + length + " bytes");
            }
        } catch (IOException e) {
            throw new ContentStoreException("the stored content cannot be unzipped: " + e.getMessage(), e);
        }
        if (!sha256(data).equals(sha256)) {
            throw new ContentStoreException("the stored content does not match its SHA-256");
        }
        return data;
    }
}
