package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Waits in the handler until all parties of its round are in their handlers too: for the event
 * {@code {"round":"r","parties":n}} it answers {@code {"allArrived":true}} only if n invocations of round r were in
 * flight at the same time. Runs on a runtime with {@code AWS_LAMBDA_MAX_CONCURRENCY} of at least n; on a runtime that
 * handles one event at a time the wait ends after {@link #PATIENCE_SECONDS} with {@code false}.
 */
public class Rendezvous implements RequestStreamHandler {

    static final long PATIENCE_SECONDS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, CountDownLatch> ROUNDS = new ConcurrentHashMap<>();

    public static String event(String round, int parties) {
        return "{\"round\":\"" + round + "\",\"parties\":" + parties + "}";
    }

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) throws IOException {
        JsonNode request = JSON.readTree(event);
        CountDownLatch arrivals = ROUNDS.computeIfAbsent(request.get("round").textValue(),
                round -> new CountDownLatch(request.get("parties").intValue()));
        arrivals.countDown();
        boolean allArrived;
        try {
            allArrived = arrivals.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            allArrived = false;
        }
        result.write(("{\"allArrived\":" + allArrived + "}").getBytes(StandardCharsets.UTF_8));
    }
}
