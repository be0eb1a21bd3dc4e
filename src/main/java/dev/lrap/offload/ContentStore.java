package dev.lrap.offload;

import static dev.lrap.offload.ContentItems.ID;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * The content table. Items (see {@link ContentItems}) go out in BatchWriteItem calls of up to 25, up to
 * {@value #WRITES_IN_FLIGHT} calls at a time, and come back in BatchGetItem calls, chunks in a second round; every
 * call is bounded by the invocation's {@link Deadline}. Reads are strongly consistent, because the item was usually
 * written a moment ago, often by another function.
 * <p>
 * Reading is bounded before content is held: a read call asks for no more items than fit the largest event
 * ({@code LRAP_MAX_EVENT_SIZE}) at DynamoDB's 400 KB an item, and the stored sizes of what it found pass an
 * {@link Admission} before any chunk is read or anything is unzipped.
 */
final class ContentStore {

    /** Calls writing at the same time, for all invocations together. */
    static final int WRITES_IN_FLIGHT = 8;

    private static final int WRITE_BATCH = 25;
    private static final int MAX_READ_BATCH = 100;
    private static final int MAX_ITEM_BYTES = 400 * 1024;
    private static final String STORE = "store content";
    private static final String LOAD = "load content";

    private final DynamoDbClient client;
    private final String table;
    private final Duration ttl;
    private final BatchRetry retry;
    private final int readBatch;
    private final ExecutorService writers = writers();

    /**
     * @param maxAttempts how often a call is tried in all ({@code AWS_MAX_ATTEMPTS}), also for what it left unprocessed
     * @param maxRead the most content bytes one read may bring in
     */
    ContentStore(DynamoDbClient client, String table, Duration ttl, int maxAttempts, long maxRead) {
        this.client = client;
        this.table = table;
        this.ttl = ttl;
        this.retry = new BatchRetry(maxAttempts);
        this.readBatch = (int) Math.max(1, Math.min(MAX_READ_BATCH, maxRead / MAX_ITEM_BYTES));
    }

    /** What a record holds, as UTF-8, and when DynamoDB may delete it. */
    record Loaded(byte[] text, Optional<Instant> expiresAt) {
    }

    /** Sees what the records asked for would hold, before their content is read in full or unzipped. */
    @FunctionalInterface
    interface Admission {

        /**
         * @param contentLengths the UTF-8 size of the content of each record found so far
         * @throws ContentStoreException to read no further
         */
        void admit(Map<String, Long> contentLengths);
    }

    /**
     * Writes every value, or fails.
     *
     * @param tenant the tenant the items are written for, if the function is tenant-isolated
     * @throws ContentStoreException when a write fails, attempts run out or the deadline is near
     */
    void save(List<Content> contents, Optional<String> tenant, Deadline deadline) {
        Instant now = Instant.now();
        List<WriteRequest> writes = contents.stream()
                .flatMap(content -> ContentItems.encode(content, now, ttl, tenant).stream())
                .map(item -> WriteRequest.builder().putRequest(put -> put.item(item)).build())
                .toList();
        try {
            List<List<WriteRequest>> batches = batches(writes, WRITE_BATCH);
            if (batches.size() == 1) {
                write(batches.get(0), deadline);
            } else {
                inParallel(batches.stream().<Future<?>>map(batch -> writers.submit(() -> write(batch, deadline))).toList());
            }
        } catch (SdkException | ContentStoreException e) {
            throw new ContentStoreException("cannot store %d values in table %s: %s".formatted(contents.size(), table, e.getMessage()), e);
        }
    }

    private void write(List<WriteRequest> batch, Deadline deadline) {
        retry.untilDone(Map.of(table, batch), pending -> client.batchWriteItem(request -> request
                .requestItems(pending).overrideConfiguration(deadline.limit(STORE))).unprocessedItems(), deadline, STORE);
    }

    // waits for every write; the first failure cancels the writes not yet started
    private static void inParallel(List<Future<?>> writes) {
        try {
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new ContentStoreException(e.getCause().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentStoreException("interrupted while waiting to " + STORE);
        } finally {
            writes.forEach(write -> write.cancel(false));
        }
    }

    /**
     * Reads the records with these ids.
     *
     * @param tenant the tenant of the invocation, if any: a record written for another tenant is not read
     * @throws ContentStoreException naming the references concerned, when one is missing, damaged or another
     *         tenant's, a read fails, attempts run out, the deadline is near or {@code admission} refuses
     */
    Map<String, Loaded> load(Set<String> ids, Optional<String> tenant, Admission admission, Deadline deadline) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        for (List<String> batch : batches(List.copyOf(ids), readBatch)) {
            Map<String, Map<String, AttributeValue>> found = get(batch, batch, deadline);
            List<String> missing = batch.stream().filter(id -> !found.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                throw new ContentStoreException("cannot resolve %s: no item in table %s".formatted(references(missing), table));
            }
            found.forEach((id, item) -> about(id, () -> checkTenant(item, tenant)));
            admission.admit(found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    entry -> about(entry.getKey(), () -> ContentItems.contentLength(entry.getValue())))));
            items.putAll(found);
        }
        Map<String, Map<String, AttributeValue>> chunks = chunksOf(items, deadline);
        return ids.stream().collect(Collectors.toMap(id -> id, id -> about(id, () -> {
            Map<String, AttributeValue> item = items.get(id);
            return new Loaded(ContentItems.decode(item, chunks::get), ContentItems.expiresAt(item));
        })));
    }

    private static void checkTenant(Map<String, AttributeValue> item, Optional<String> tenant) {
        Optional<String> owner = ContentItems.tenant(item);
        if (owner.isPresent() && !owner.equals(tenant)) {
            throw new ContentStoreException("the record belongs to another tenant");
        }
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
        Map<String, Map<String, AttributeValue>> chunks = new HashMap<>();
        for (List<String> batch : batches(chunkIds, readBatch)) {
            chunks.putAll(get(batch, manifests, deadline));
        }
        return chunks;
    }

    /** Reads items by id; a failure names the references in {@code concerned}. */
    private Map<String, Map<String, AttributeValue>> get(List<String> ids, Collection<String> concerned, Deadline deadline) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        KeysAndAttributes keys = KeysAndAttributes.builder().consistentRead(true)
                .keys(ids.stream().map(id -> Map.of(ID, AttributeValue.fromS(id))).toList()).build();
        try {
            retry.untilDone(Map.of(table, keys), pending -> {
                BatchGetItemResponse response = client.batchGetItem(request -> request
                        .requestItems(pending).overrideConfiguration(deadline.limit(LOAD)));
                response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(ID).s(), item));
                return response.unprocessedKeys();
            }, deadline, LOAD);
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
            throw new ContentStoreException("cannot resolve %s: %s".formatted(ContentReference.describe(id), e.getMessage()), e);
        }
    }

    private static void about(String id, Runnable check) {
        about(id, () -> {
            check.run();
            return id;
        });
    }

    private static String references(Collection<String> ids) {
        String first = ContentReference.describe(ids.iterator().next());
        return ids.size() == 1 ? first : "%s and %d more references".formatted(first, ids.size() - 1);
    }

    private static <T> List<List<T>> batches(List<T> all, int size) {
        return IntStream.range(0, (all.size() + size - 1) / size)
                .mapToObj(n -> all.subList(n * size, Math.min(all.size(), (n + 1) * size)))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    // threads only while there is writing to do; daemons, so they never hold up lrap's exit
    private static ExecutorService writers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WRITES_IN_FLIGHT, WRITES_IN_FLIGHT, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "lrap-content-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
