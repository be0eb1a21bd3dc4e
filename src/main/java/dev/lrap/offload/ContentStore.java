package dev.lrap.offload;

import static dev.lrap.offload.ContentItems.ID;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The content table. Items (see {@link ContentItems}) go out in BatchWriteItem calls of up to 25 and come back in
 * BatchGetItem calls of up to 100 keys, chunks in a second round; every call is bounded by the invocation's
 * {@link Deadline}. Reads are strongly consistent, because the item was usually written a moment ago, often by
 * another function.
 */
final class ContentStore {

    private static final int WRITE_BATCH = 25;
    private static final int READ_BATCH = 100;
    private static final int MAX_KEY_BYTES = 2048;
    private static final String STORE = "store content";
    private static final String LOAD = "load content";

    private final DynamoDbClient client;
    private final String table;
    private final Duration ttl;

    ContentStore(DynamoDbClient client, String table, Duration ttl) {
        this.client = client;
        this.table = table;
        this.ttl = ttl;
    }

    /** What a record holds, and when DynamoDB may delete it. */
    record Loaded(String text, Optional<Instant> expiresAt) {
    }

    /**
     * Writes every value, or fails.
     *
     * @throws ContentStoreException when a write fails, attempts run out or the deadline is near
     */
    void save(List<Content> contents, Deadline deadline) {
        Instant now = Instant.now();
        List<WriteRequest> writes = contents.stream()
                .flatMap(content -> ContentItems.encode(content, now, ttl).stream())
                .map(item -> WriteRequest.builder().putRequest(put -> put.item(item)).build())
                .toList();
        try {
            for (List<WriteRequest> batch : batches(writes, WRITE_BATCH)) {
                BatchRetry.untilDone(Map.of(table, batch), pending -> client.batchWriteItem(request -> request
                        .requestItems(pending).overrideConfiguration(deadline.limit(STORE))).unprocessedItems(),
                        deadline, STORE);
            }
        } catch (SdkException | ContentStoreException e) {
            throw new ContentStoreException("cannot store %d values in table %s: %s".formatted(contents.size(), table, e.getMessage()), e);
        }
    }

    /**
     * Reads the records with these ids.
     *
     * @throws ContentStoreException naming the references concerned, when one is missing or damaged, a read fails,
     *         attempts run out or the deadline is near
     */
    Map<String, Loaded> load(Set<String> ids, Deadline deadline) {
        ids.stream().filter(id -> id.isEmpty() || Utf8.length(id) > MAX_KEY_BYTES).findFirst().ifPresent(id -> {
            throw new ContentStoreException("%s names no record id".formatted(ContentReference.to(id)));
        });
        Map<String, Map<String, AttributeValue>> items = get(ids, ids, deadline);
        List<String> missing = ids.stream().filter(id -> !items.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new ContentStoreException("cannot resolve %s: no item in table %s".formatted(references(missing), table));
        }
        Map<String, Map<String, AttributeValue>> chunks = chunksOf(items, deadline);
        return ids.stream().collect(Collectors.toMap(id -> id, id -> about(id, () -> {
            Map<String, AttributeValue> item = items.get(id);
            return new Loaded(ContentItems.decode(item, chunks::get), ContentItems.expiresAt(item));
        })));
    }

    // the second round: the chunks of all chunked records at once
    private Map<String, Map<String, AttributeValue>> chunksOf(Map<String, Map<String, AttributeValue>> items, Deadline deadline) {
        List<String> manifests = items.keySet().stream().filter(id -> ContentItems.isManifest(items.get(id))).toList();
        if (manifests.isEmpty()) {
            return Map.of();
        }
        List<String> chunkIds = manifests.stream()
                .flatMap(id -> about(id, () -> ContentItems.chunkIds(items.get(id))).stream())
                .toList();
        return get(chunkIds, manifests, deadline);
    }

    /** Reads items by id; a failure names the references in {@code concerned}. */
    private Map<String, Map<String, AttributeValue>> get(Collection<String> ids, Collection<String> concerned, Deadline deadline) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        try {
            for (List<String> batch : batches(List.copyOf(ids), READ_BATCH)) {
                KeysAndAttributes keys = KeysAndAttributes.builder().consistentRead(true)
                        .keys(batch.stream().map(id -> Map.of(ID, AttributeValue.fromS(id))).toList()).build();
                BatchRetry.untilDone(Map.of(table, keys), pending -> {
                    BatchGetItemResponse response = client.batchGetItem(request -> request
                            .requestItems(pending).overrideConfiguration(deadline.limit(LOAD)));
                    response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(ID).s(), item));
                    return response.unprocessedKeys();
                }, deadline, LOAD);
            }
        } catch (SdkException | ContentStoreException e) {
            throw new ContentStoreException("cannot read %s from table %s: %s".formatted(references(concerned), table, e.getMessage()), e);
        }
        return found;
    }

    // puts the reference a failure concerns into its message, for the error the function's caller sees
    private static <T> T about(String id, Supplier<T> work) {
        try {
            return work.get();
        } catch (ContentStoreException e) {
            throw new ContentStoreException("cannot resolve %s: %s".formatted(ContentReference.to(id), e.getMessage()), e);
        }
    }

    private static String references(Collection<String> ids) {
        String first = ContentReference.to(ids.iterator().next());
        return ids.size() == 1 ? first : "%s and %d more references".formatted(first, ids.size() - 1);
    }

    private static <T> List<List<T>> batches(List<T> all, int size) {
        return IntStream.range(0, (all.size() + size - 1) / size)
                .mapToObj(n -> all.subList(n * size, Math.min(all.size(), (n + 1) * size)))
                .toList();
    }
}
