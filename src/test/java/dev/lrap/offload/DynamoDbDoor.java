package dev.lrap.offload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A DynamoDB endpoint in front of a real one (DynamoDB Local): it forwards every request and its answer unchanged,
 * counts the calls of each operation and how many are under way at once, and lets a test answer a call itself or
 * make it wait.
 */
final class DynamoDbDoor implements AutoCloseable {

    /** Answers a call instead of DynamoDB, given the operation (e.g. {@code BatchWriteItem}) and the request body. */
    interface Answer extends BiFunction<String, byte[], Optional<byte[]>> {
    }

    /** Runs before a call is forwarded, on the thread that will forward it, for example to make it wait. */
    interface Hold {
        void beforeForwarding(String operation) throws InterruptedException;
    }

    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI dynamoDb;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger underWay = new AtomicInteger();
    private final AtomicInteger mostUnderWay = new AtomicInteger();
    private volatile Answer answer = (operation, body) -> Optional.empty();
    private volatile Hold hold = operation -> { };

    private DynamoDbDoor(URI dynamoDb) throws IOException {
        this.dynamoDb = dynamoDb;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static DynamoDbDoor before(URI dynamoDb) {
        try {
            return new DynamoDbDoor(dynamoDb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * DynamoDB's answer to a batch call that took none of its items, as when it throttles the call: all of them
     * back as unprocessed ({@code BatchWriteItem}'s {@code UnprocessedItems}, {@code BatchGetItem}'s
     * {@code UnprocessedKeys}).
     */
    static byte[] noneProcessed(String operation, byte[] body) {
        try {
            ObjectNode unprocessed = JsonNodeFactory.instance.objectNode();
            unprocessed.set(operation.equals("BatchGetItem") ? "UnprocessedKeys" : "UnprocessedItems",
                    OffloadTesting.MAPPER.readTree(body).get("RequestItems"));
            return OffloadTesting.bytes(unprocessed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    void hold(Hold hold) {
        this.hold = hold;
    }

    /** How many calls of {@code operation} came through since the last time this was asked. */
    int takeCalls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.getAndSet(0);
    }

    /** The most calls under way at the same time, since the last time this was asked. */
    int takeMostUnderWay() {
        return mostUnderWay.getAndSet(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        byte[] body = exchange.getRequestBody().readAllBytes();
        calls.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
        mostUnderWay.accumulateAndGet(underWay.incrementAndGet(), Math::max);
        try {
            Optional<byte[]> answered = answer.apply(operation, body);
            if (answered.isPresent()) {
                reply(exchange, 200, "application/x-amz-json-1.0", answered.get());
            } else {
                hold.beforeForwarding(operation);
                forward(exchange, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } finally {
            underWay.decrementAndGet();
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(dynamoDb.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        reply(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0"),
                response.body());
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
