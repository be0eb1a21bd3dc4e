package dev.lrap.offload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item format of offloaded content: partition key {@code id} (S). A value is stored in the first of three
 * shapes that fits DynamoDB's item limit of 400 KB (attribute names included):
 * <ol>
 * <li><b>plain</b>, the original extension's own item, so that each reads what the other wrote: {@code content} S,
 *     the value's JSON text;</li>
 * <li><b>compressed</b>: {@code content_gz} B, the gzip of the JSON text's UTF-8 bytes, with {@code length} N, the
 *     number of those bytes, and {@code sha256} S, their SHA-256 in lower-case hex;</li>
 * <li><b>chunked</b>: the same gzip stream cut into parts of at most {@value #CHUNK_BYTES} bytes, part {@code n} stored
 *     as {@code content_gz} of the item {@code <id>#<n>}; the item {@code <id>} is the manifest, with
 *     {@code chunks} N, the number of parts, besides {@code length} and {@code sha256}.</li>
 * </ol>
 * Every item also carries {@code timestamp} N (epoch seconds of the write, as the original writes it), unless the
 * TTL is zero {@code expires_at} N (epoch seconds), the attribute the table's TTL is set on, and when written for a
 * tenant of a tenant-isolated function, {@code tenant_id} S. A reader takes
 * {@code content} when present; otherwise it unzips {@code content_gz}, or the parts in order, and checks length
 * and SHA-256 ({@link CheckedGzip}). The original extension reads only the plain shape; it could not store the larger
 * values at all.
 */
final class ContentItems {

    static final String ID = "id";
    private static final String CONTENT = "content";
    private static final String CONTENT_GZ = "content_gz";
    private static final String LENGTH = "length";
    private static final String SHA256 = "sha256";
    private static final String CHUNKS = "chunks";
    private static final String TIMESTAMP = "timestamp";
    private static final String EXPIRES_AT = "expires_at";
    private static final String TENANT = "tenant_id";

    /** DynamoDB's limit is 409,600 bytes; the rest is headroom for how it counts numbers. */
    private static final int MAX_ITEM_BYTES = 400_000;

    /** Leaves room in a chunk's item for its id, {@code timestamp} and {@code expires_at}. */
    private static final int CHUNK_BYTES = 390_000;

    /** Enough chunks for the largest array Java can unzip into. */
    private static final int MAX_CHUNKS = Integer.MAX_VALUE / CHUNK_BYTES + 1;

    private ContentItems() {
    }

    /** The items that store {@code content}: one, or a manifest followed by its chunks. */
    static List<Map<String, AttributeValue>> encode(Content content, Instant now, Duration ttl, Optional<String> tenant) {
        Map<String, AttributeValue> stamp = stamp(now, ttl);
        tenant.ifPresent(id -> stamp.put(TENANT, string(id)));
        Map<String, AttributeValue> plain = item(content.id(), stamp, Map.of(CONTENT, string(content.json())));
        if (size(plain) <= MAX_ITEM_BYTES) {
            return List.of(plain);
        }
        byte[] utf8 = content.json().getBytes(StandardCharsets.UTF_8);
        byte[] gzip = CheckedGzip.compress(utf8);
        Map<String, AttributeValue> check = Map.of(LENGTH, number(utf8.length), SHA256, string(CheckedGzip.sha256(utf8)));
        Map<String, AttributeValue> compressed = item(content.id(), stamp, check, Map.of(CONTENT_GZ, binary(gzip)));
        if (size(compressed) <= MAX_ITEM_BYTES) {
            return List.of(compressed);
        }
        return chunked(content.id(), stamp, check, gzip);
    }

    /** Whether the item is the manifest of a chunked value. */
    static boolean isManifest(Map<String, AttributeValue> item) {
        return item.containsKey(CHUNKS);
    }

    /**
     * The size of the JSON text an item holds, in UTF-8 bytes, known before it is unzipped or its chunks are read.
     *
     * @throws ContentStoreException when the item has no readable size
     */
    static long contentLength(Map<String, AttributeValue> item) {
        return item.containsKey(CONTENT) ? Utf8.length(text(item, CONTENT)) : storedLength(item);
    }

    /** The tenant the item was written for, if any. */
    static Optional<String> tenant(Map<String, AttributeValue> item) {
        return item.containsKey(TENANT) ? Optional.of(text(item, TENANT)) : Optional.empty();
    }

    /** The ids of the chunks a manifest lists, in order. */
    static List<String> chunkIds(Map<String, AttributeValue> manifest) {
        long count = longValue(manifest, CHUNKS);
        // gzip adds at most 5 bytes per stored block of 64 KiB, and a header: more chunks than that means a damaged manifest
        long maxCount = (storedLength(manifest) + storedLength(manifest) / 1_000 + 1_024) / CHUNK_BYTES + 1;
        if (count < 1 || count > Math.min(maxCount, MAX_CHUNKS)) {
            throw new ContentStoreException("the manifest lists an impossible number of chunks: " + count);
        }
        String id = text(manifest, ID);
        return IntStream.range(0, (int) count).mapToObj(n -> chunkId(id, n)).toList();
    }

    /**
     * The JSON text (or, from other writers, plain text) an item stores, in UTF-8.
     *
     * @param chunks the chunk items of a manifest, by id
     * @throws ContentStoreException when a chunk is missing, or the content fails its length or SHA-256 check or is
     *         not UTF-8
     */
    static byte[] decode(Map<String, AttributeValue> item, Function<String, Map<String, AttributeValue>> chunks) {
        if (item.containsKey(CONTENT)) {
            return text(item, CONTENT).getBytes(StandardCharsets.UTF_8);
        }
        byte[] gzip = isManifest(item) ? join(chunkIds(item), chunks) : bytes(item);
        byte[] text = CheckedGzip.decompress(gzip, (int) storedLength(item), text(item, SHA256));
        // lrap zips only UTF-8: other bytes are no content of its, and would leave the event they go into not UTF-8
        if (!Utf8.isWellFormed(text, 0, text.length)) {
            throw new ContentStoreException("the stored content is not UTF-8");
        }
        return text;
    }

    /**
     * When DynamoDB may delete the item, if ever.
     *
     * @throws ContentStoreException when the item's {@code expires_at} is no number of seconds a time can have
     */
    static Optional<Instant> expiresAt(Map<String, AttributeValue> item) {
        if (!item.containsKey(EXPIRES_AT)) {
            return Optional.empty();
        }
        long seconds = longValue(item, EXPIRES_AT);
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            throw new ContentStoreException("the item's expires_at is beyond any time: " + seconds);
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    private static List<Map<String, AttributeValue>> chunked(String id, Map<String, AttributeValue> stamp,
            Map<String, AttributeValue> check, byte[] gzip) {
        int count = (gzip.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        List<Map<String, AttributeValue>> items = new ArrayList<>(count + 1);
        items.add(item(id, stamp, check, Map.of(CHUNKS, number(count))));
        for (int n = 0; n < count; n++) {
            byte[] part = Arrays.copyOfRange(gzip, n * CHUNK_BYTES, Math.min(gzip.length, (n + 1) * CHUNK_BYTES));
            items.add(item(chunkId(id, n), stamp, Map.of(CONTENT_GZ, binary(part))));
        }
        return items;
    }

    private static byte[] join(List<String> chunkIds, Function<String, Map<String, AttributeValue>> chunks) {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        for (String chunkId : chunkIds) {
            Map<String, AttributeValue> chunk = chunks.apply(chunkId);
            if (chunk == null) {
                throw new ContentStoreException("its chunk " + chunkId + " is missing");
            }
            gzip.writeBytes(bytes(chunk));
        }
        return gzip.toByteArray();
    }

    private static String chunkId(String id, int n) {
        return id + "#" + n;
    }

    private static Map<String, AttributeValue> stamp(Instant now, Duration ttl) {
        Map<String, AttributeValue> stamp = new HashMap<>();
        stamp.put(TIMESTAMP, number(now.getEpochSecond()));
        if (!ttl.isZero()) {
            stamp.put(EXPIRES_AT, number(now.plus(ttl).getEpochSecond()));
        }
        return stamp;
    }

    @SafeVarargs
    private static Map<String, AttributeValue> item(String id, Map<String, AttributeValue>... parts) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, string(id));
        Arrays.stream(parts).forEach(item::putAll);
        return item;
    }

    /** The size DynamoDB counts: names and values, numbers by their digits (more than DynamoDB counts). */
    private static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            AttributeValue value = attribute.getValue();
            size += Utf8.length(attribute.getKey());
            size += value.s() != null ? Utf8.length(value.s())
                    : value.b() != null ? value.b().asByteBuffer().remaining() : value.n().length();
        }
        return size;
    }

    private static long storedLength(Map<String, AttributeValue> item) {
        long length = longValue(item, LENGTH);
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new ContentStoreException("the stored content has an impossible length of " + length);
        }
        return length;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return typed(item, name, AttributeValue::s, "a string");
    }

    private static byte[] bytes(Map<String, AttributeValue> item) {
        return typed(item, CONTENT_GZ, AttributeValue::b, "binary").asByteArrayUnsafe();
    }

    private static long longValue(Map<String, AttributeValue> item, String name) {
        String number = typed(item, name, AttributeValue::n, "a number");
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new ContentStoreException("the item's " + name + " is not a whole number");
        }
    }

    private static <T> T typed(Map<String, AttributeValue> item, String name, Function<AttributeValue, T> type, String what) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new ContentStoreException("the item has no attribute " + name);
        }
        T typed = type.apply(value);
        if (typed == null) {
            throw new ContentStoreException("the item's " + name + " is not " + what);
        }
        return typed;
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue binary(byte[] value) {
        return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(value));
    }
}
