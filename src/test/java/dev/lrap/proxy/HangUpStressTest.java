package dev.lrap.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.junit.jupiter.api.Test;

import dev.lrap.LambdaApi;
import dev.lrap.testing.ScriptedRuntimeApi;
import dev.lrap.testing.ScriptedRuntimeApi.Reply;
import dev.lrap.testing.ScriptedRuntimeApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Runtimes that hang up at random moments (before, while and after Lambda answers their poll; closing the
 * connection or only their sending side) never cost an event, and never get one twice.
 * <p>
 * A hang-up is only ever ambiguous when the whole event already sits in the hung-up runtime's socket buffers. Here
 * every event is far larger than those buffers, so lrap's write to the runtime can only complete once the runtime
 * has read nearly all of it: an event either reached a runtime, which then reads it whole, or its write failed and
 * lrap must hand it to another runtime.
 */
@QuarkusTest
@TestProfile(HangUpStressTest.SmallSocketBuffers.class)
@WithTestResource(ScriptedRuntimeApiResource.class)
class HangUpStressTest {

    private static final int EVENTS = 1_500;
    private static final int RUNTIMES = 4;
    private static final int EVENT_BYTES = 64 * 1024;
    private static final int SOCKET_BUFFER = 4 * 1024;

    public static class SmallSocketBuffers implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SmallSendBuffer.class);
        }
    }

    /** Keeps the kernel from holding a whole event on lrap's side of the connection. */
    @Alternative
    @ApplicationScoped
    public static class SmallSendBuffer implements HttpServerOptionsCustomizer {
        @Override
        public void customizeHttpServer(HttpServerOptions options) {
            options.setSendBufferSize(SOCKET_BUFFER);
        }
    }

    /** How a runtime ends one poll. */
    enum Behaviour {
        /** reads the event whole */
        READS,
        /** closes the connection, unread, after a random pause */
        CLOSES,
        /** closes the connection after the head and part of the body */
        CLOSES_WHILE_READING,
        /** stops sending after a random pause, and keeps reading until lrap closes */
        HALF_CLOSES
    }

    ScriptedRuntimeApi upstream;

    @TestHTTPResource("/")
    URL proxy;

    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<Behaviour, LongAdder> hangUps = new ConcurrentHashMap<>();
    private volatile boolean done;

    @Test
    void noEventIsLostOrDuplicatedWhenRuntimesHangUpAtRandomMoments() throws Exception {
        Thread lambda = started(this::answerPolls);
        List<Thread> runtimes = new ArrayList<>();
        for (int i = 0; i < RUNTIMES; i++) {
            runtimes.add(started(this::pollUntilDone));
        }
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.size() < EVENTS && System.nanoTime() < giveUp) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        done = true;
        lambda.join();
        for (Thread runtime : runtimes) {
            runtime.join();
        }

        List<String> duplicated = received.entrySet().stream().filter(id -> id.getValue().get() > 1)
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), duplicated, "events handed to two runtimes");
        assertEquals(EVENTS, received.size(), "events lost; hang-ups: " + hangUps);
        for (Behaviour behaviour : Behaviour.values()) {
            assertTrue(behaviour == Behaviour.READS || hangUps.get(behaviour).sum() > 50,
                    "too few hang-ups of kind " + behaviour + " to prove anything: " + hangUps);
        }
    }

    private static Thread started(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    /** Lambda: answers every poll with a new event, after a random pause, until all events are out. */
    private void answerPolls() {
        int issued = 0;
        try {
            while (!done && issued < EVENTS) {
                ScriptedRuntimeApi.Received poll = upstream.pollRequest(100);
                if (poll != null) {
                    pause();
                    poll.reply(event("event-" + issued++));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollUntilDone() {
        while (!done) {
            Behaviour behaviour = Behaviour.values()[ThreadLocalRandom.current().nextInt(10) < 7 ? 0
                    : 1 + ThreadLocalRandom.current().nextInt(3)];
            try {
                poll(behaviour);
            } catch (IOException e) {
                // a connection that lrap closed, or this runtime's own read timeout: both are hang-ups
            }
        }
    }

    private void poll(Behaviour behaviour) throws IOException {
        try (Socket runtime = new Socket()) {
            runtime.setReceiveBufferSize(SOCKET_BUFFER);
            runtime.setSoTimeout(1000);
            runtime.connect(new InetSocketAddress("127.0.0.1", proxy.getPort()));
            runtime.getOutputStream().write(("GET " + LambdaApi.INVOCATION_NEXT + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            if (behaviour != Behaviour.READS) {
                hangUps.computeIfAbsent(behaviour, kind -> new LongAdder()).increment();
            }
            switch (behaviour) {
                case READS -> readEvent(runtime.getInputStream(), Integer.MAX_VALUE);
                case CLOSES -> {
                    pause();
                    runtime.setSoLinger(true, 0);
                }
                case CLOSES_WHILE_READING -> {
                    runtime.setSoLinger(true, 0);
                    readEvent(runtime.getInputStream(), ThreadLocalRandom.current().nextInt(EVENT_BYTES / 4));
                }
                case HALF_CLOSES -> {
                    pause();
                    runtime.shutdownOutput();
                    readEvent(runtime.getInputStream(), Integer.MAX_VALUE);
                }
            }
        } catch (SocketTimeoutException stillWaiting) {
            // no event came in time: this runtime hangs up and polls again
        }
    }

    /** Reads one response, or stops after {@code bodyBytes} of its body; records an event read whole. */
    private void readEvent(InputStream in, int bodyBytes) throws IOException {
        String requestId = null;
        int length = 0;
        for (String line : readHead(in).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith(LambdaApi.REQUEST_ID.toLowerCase(Locale.ROOT) + ":")) {
                requestId = line.substring(line.indexOf(':') + 1).trim();
            } else if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (bodyBytes < length) {
            in.readNBytes(bodyBytes);
            return;
        }
        if (in.readNBytes(length).length == length && requestId != null) {
            received.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("lrap closed the connection before an event came");
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Up to two milliseconds, so hang-ups fall before, while and after Lambda answers. */
    private static void pause() {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(2)));
    }

    private static Reply event(String requestId) {
        String padding = "x".repeat(EVENT_BYTES);
        return Reply.of(200, "application/json",
                ("{\"id\":\"" + requestId + "\",\"padding\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8))
                .withHeader(LambdaApi.REQUEST_ID, requestId)
                .withHeader(LambdaApi.DEADLINE_MS, String.valueOf(System.currentTimeMillis() + 60_000));
    }
}
