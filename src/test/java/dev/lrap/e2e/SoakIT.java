package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.e2e.functions.Probe;
import dev.lrap.e2e.functions.Soak;
import dev.lrap.offload.DynamoDbLocal;
import dev.lrap.simulator.Invocation;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * The soak: many invocations at concurrency 8 through lrap, with 1 % of {@code /next} polls hanging up and the
 * content table unreachable for a while midway. Every response carries a report large enough to offload, and every
 * fourth event the reference of an earlier one, which the handler must get resolved. It prints and asserts: no
 * invocation lost (timed out, or failed other than with one of lrap's {@code Lrap.*} errors), none handled twice, no
 * handler given a raw reference or wrong content, and {@code Lrap.*} errors only for invocations that overlapped the
 * outage.
 * <p>
 * In the suite it is short; {@code bench/soak.sh} runs it long, through {@code -Dsoak.invocations} and
 * {@code -Dsoak.outageSeconds}.
 * <p>
 * The hanging-up polls come from test code beside AWS's runtime client, whose process exits when a poll fails. They
 * half-close: they stop sending after their request, then read on. An event lrap writes to them anyway is therefore
 * received and answered like the function would, so each event has exactly one fate. A full close after the event is
 * already in the runtime's receive buffer cannot be told from a delivery by lrap; {@code HangUpStressTest} covers full
 * closes with events larger than the socket buffers.
 */
class SoakIT {

    private static final int INVOCATIONS = Integer.getInteger("soak.invocations", 300);
    private static final int OUTAGE_MILLIS = Integer.getInteger("soak.outageSeconds", 2) * 1000;
    private static final int CONCURRENCY = 8;
    private static final int POLLS_PER_HANG_UP = 100;
    private static final String NEXT = "/2018-06-01/runtime/invocation/next";

    private static final DynamoDbLocal table = DynamoDbLocal.start();
    private static final TableLink tableLink = TableLink.to(table.endpoint());

    @RegisterExtension
    static final LambdaEnvironment environment = LambdaEnvironment.of(Soak.class)
            .maxConcurrency(CONCURRENCY)
            .with("MAX_CONTENT_SIZE", "4000")
            .dynamoDbAt(tableLink.endpoint())
            .build();

    /** How many times a handler ran for each invocation id, counting the answers of hanging-up polls. */
    private final Map<Integer, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final AtomicInteger hangUps = new AtomicInteger();
    private final AtomicInteger hangUpsGivenAnEvent = new AtomicInteger();
    private final AtomicReference<Offloaded> latestReport = new AtomicReference<>();
    private final AtomicInteger referencingEvents = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Offloaded(int id, String reference) {
    }

    private record Finished(int id, long started, long ended, InvocationResult result) {
    }

    @AfterAll
    static void stopTable() {
        tableLink.close();
        table.close();
    }

    @Test
    void noInvocationIsLostDuplicatedOrGivenARawReference() throws Exception {
        List<CompletableFuture<Finished>> invocations = new ArrayList<>();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        ExecutorService hangingUp = Executors.newCachedThreadPool();
        long outageStart = 0;
        long outageEnd = 0;
        try {
            for (int id = 0; id < INVOCATIONS; id++) {
                if (id == INVOCATIONS / 2) {
                    outageStart = System.nanoTime();
                    tableLink.cut();
                }
                if (outageStart != 0 && outageEnd == 0 && System.nanoTime() - outageStart >= OUTAGE_MILLIS * 1_000_000L) {
                    tableLink.restore();
                    outageEnd = System.nanoTime();
                }
                if (id % POLLS_PER_HANG_UP == POLLS_PER_HANG_UP / 2) {
                    hangingUp.submit(this::hangUp);
                }
                inFlight.acquire();
                invocations.add(invoke(id).whenComplete((outcome, failure) -> inFlight.release()));
            }
            if (outageEnd == 0) {
                // the invocations all went out before the outage's time was up: it lasts out its time all the same
                Thread.sleep(Math.max(0, OUTAGE_MILLIS - (System.nanoTime() - outageStart) / 1_000_000));
                tableLink.restore();
                outageEnd = System.nanoTime();
            }
            CompletableFuture.allOf(invocations.toArray(CompletableFuture[]::new)).join();
        } finally {
            hangingUp.shutdownNow();
            tableLink.restore();
        }

        environment.journal().stream().filter(line -> line.startsWith("soak "))
                .forEach(line -> countHandled(Integer.parseInt(line.substring("soak ".length()))));
        Tally tally = new Tally();
        for (CompletableFuture<Finished> invocation : invocations) {
            tally.add(invocation.join(), outageStart, outageEnd);
        }
        tally.duplicated = (int) handled.values().stream().filter(count -> count.get() > 1).count();

        System.out.printf("soak: %d invocations at concurrency %d, %d polls hung up (%d of them after lrap had sent"
                + " their event, which they answered), table unreachable for %d s from invocation %d%n",
                INVOCATIONS, CONCURRENCY, hangUps.get(), hangUpsGivenAnEvent.get(), OUTAGE_MILLIS / 1000, INVOCATIONS / 2);
        System.out.printf("soak: lost %d / duplicated %d / raw references delivered %d / errors %d (%d overlapping the"
                + " outage, %d outside it; %s); wrong content %d; %d events carried a reference%n", tally.lost.size(),
                tally.duplicated, tally.rawReferences, tally.errorsInOutage + tally.errorsOutside.size(),
                tally.errorsInOutage, tally.errorsOutside.size(), tally.errorTypes, tally.wrongContent, referencingEvents.get());

        assertEquals(List.of(), tally.lost, "lost invocations");
        assertEquals(0, tally.duplicated, "invocations handled twice");
        assertEquals(0, tally.rawReferences, "handlers given a raw reference");
        assertEquals(0, tally.wrongContent, "handlers given the wrong content for a reference");
        assertEquals(List.of(), tally.errorsOutside, "errors of invocations that did not overlap the outage");
    }

    private CompletableFuture<Finished> invoke(int id) {
        Offloaded context = id % 4 == 3 ? latestReport.get() : null;
        if (context != null) {
            referencingEvents.incrementAndGet();
        }
        String event = context == null ? Soak.event(id, "no earlier report", -1) : Soak.event(id, context.reference(), context.id());
        long started = System.nanoTime();
        return environment.invokeAsync(Invocation.of(event)).thenApply(result -> {
            noteReference(id, result);
            return new Finished(id, started, System.nanoTime(), result);
        });
    }

    private void noteReference(int id, InvocationResult result) {
        if (result.outcome() == Outcome.RESPONSE) {
            String report = Documents.json(result).get("report").textValue();
            if (report.startsWith(Probe.REFERENCE_PREFIX)) {
                latestReport.set(new Offloaded(id, report));
            }
        }
    }

    private void countHandled(int id) {
        handled.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * One poll that hangs up a random moment after asking: it stops sending and reads what lrap still writes, until
     * lrap closes the connection or has sent it a whole event, which it then answers as the function would.
     */
    private void hangUp() {
        String lrap = environment.lrapAddress();
        String[] hostPort = lrap.split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.getOutputStream().write(("GET " + NEXT + " HTTP/1.1\r\nHost: " + lrap + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            socket.shutdownOutput();
            hangUps.incrementAndGet();
            ReceivedEvent event = ReceivedEvent.read(socket.getInputStream());
            if (event != null) {
                hangUpsGivenAnEvent.incrementAndGet();
                answer(event);
            }
        } catch (IOException e) {
            // lrap closed the hung-up connection midway: no whole event reached this poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(ReceivedEvent event) throws IOException, InterruptedException {
        byte[] answer = Soak.answer(event.body());
        countHandled(Documents.json(new String(answer, StandardCharsets.UTF_8)).get("id").intValue());
        HttpRequest response = HttpRequest.newBuilder(URI.create("http://" + environment.lrapAddress()
                + "/2018-06-01/runtime/invocation/" + event.requestId() + "/response"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(answer)).build();
        http.send(response, HttpResponse.BodyHandlers.discarding());
    }

    /** An event as a hung-up poll read it off the wire: HTTP/1.1 with a Content-Length. */
    private record ReceivedEvent(String requestId, byte[] body) {

        /** The event, or null when the connection ended before any byte of an answer. */
        static ReceivedEvent read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                if ((b = in.read()) < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed inside the answer's head");
                }
                head.write(b);
            }
            Map<String, String> headers = head.toString(StandardCharsets.ISO_8859_1).lines().skip(1)
                    .filter(line -> line.contains(":"))
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')).trim().toLowerCase(),
                            line -> line.substring(line.indexOf(':') + 1).trim(), (a, c) -> a));
            byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            return new ReceivedEvent(headers.get("lambda-runtime-aws-request-id"), body);
        }
    }

    /** The soak's figures. */
    private static final class Tally {
        final List<String> lost = new ArrayList<>();
        final List<String> errorsOutside = new ArrayList<>();
        final Map<String, Integer> errorTypes = new TreeMap<>();
        int duplicated;
        int rawReferences;
        int wrongContent;
        int errorsInOutage;

        void add(Finished invocation, long outageStart, long outageEnd) {
            InvocationResult result = invocation.result();
            if (result.outcome() == Outcome.RESPONSE) {
                JsonNode answer = Documents.json(result);
                if (answer.get("id").intValue() != invocation.id()) {
                    lost.add(invocation.id() + " answered with the response of " + answer.get("id"));
                }
                rawReferences += answer.get("rawReference").booleanValue() ? 1 : 0;
                wrongContent += answer.get("contextIntact").booleanValue() ? 0 : 1;
                return;
            }
            String errorType = errorType(result);
            if (result.outcome() != Outcome.FUNCTION_ERROR || !errorType.startsWith("Lrap.")) {
                lost.add(invocation.id() + ": " + result.outcome() + " " + result.bodyAsString());
                return;
            }
            errorTypes.merge(errorType, 1, Integer::sum);
            if (invocation.ended() >= outageStart && invocation.started() <= outageEnd) {
                errorsInOutage++;
            } else {
                errorsOutside.add(invocation.id() + ": " + result.bodyAsString());
            }
        }

        private static String errorType(InvocationResult result) {
            try {
                JsonNode type = Documents.json(result).get("errorType");
                return type == null ? "" : type.asText();
            } catch (UncheckedIOException | IllegalArgumentException e) {
                return "";
            }
        }
    }
}
