package dev.lrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.lrap.offload.DynamoDbLocal;

/**
 * The network between lrap and a DynamoDB Local (or another server lrap calls, such as the Runtime API), which a test
 * can cut, refuse, slow and restore: cut, nothing listens on its port and the connections through it are closed, as
 * when DynamoDB cannot be reached; refusing, it takes no new connection but keeps those open; slowed, every chunk of
 * bytes waits before it passes, as over a congested network; restored, it passes connections on again at once, to the
 * same DynamoDB Local with the same items.
 */
final class TableLink implements AutoCloseable {

    private final URI target;
    private final int port = DynamoDbLocal.freePort();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    /** How long each chunk waits before it passes; changed only while holding the link's lock. */
    private long latencyNanos;
    /** How many chunks the link has held since it was last slowed; changed only while holding the link's lock. */
    private int heldSinceSlowed;

    private TableLink(URI target) {
        this.target = target;
    }

    static TableLink to(URI dynamoDb) {
        TableLink link = new TableLink(dynamoDb);
        link.restore();
        return link;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    synchronized void cut() {
        refuse();
        sockets.forEach(TableLink::closeQuietly);
    }

    /** Refuses new connections, as a server that went down would, while the connections already open go on. */
    synchronized void refuse() {
        unslow();
        closeQuietly(listener);
        listener = null;
    }

    synchronized void restore() {
        unslow();
        if (listener != null) {
            return;
        }
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            listener = server;
            daemon("table-link-accept", () -> accept(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Slows the link: from now on every chunk either way waits {@code latency}, until the link is restored or cut. */
    synchronized void slow(Duration latency) {
        latencyNanos = latency.toNanos();
        heldSinceSlowed = 0;
    }

    private void unslow() {
        latencyNanos = 0;
        notifyAll();
    }

    /** Waits until the link, since it was slowed, has held a chunk: a call through it is under way, and waits. */
    synchronized void awaitHeldChunk() throws InterruptedException {
        while (heldSinceSlowed == 0) {
            wait();
        }
    }

    /** Holds a chunk for the latency of the moment, or less when the link is restored or cut meanwhile. */
    private synchronized void hold() throws InterruptedException {
        if (latencyNanos == 0) {
            return;
        }
        long until = System.nanoTime() + latencyNanos;
        heldSinceSlowed++;
        notifyAll();
        for (long left = latencyNanos; latencyNanos > 0 && left > 0; left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void accept(ServerSocket server) {
        try {
            while (true) {
                Socket client = server.accept();
                Socket table = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(table);
                daemon("table-link-up", () -> pipe(client, table));
                daemon("table-link-down", () -> pipe(table, client));
            }
        } catch (IOException e) {
            // cut: the listener is closed
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] chunk = new byte[64 * 1024];
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                hold();
                out.write(chunk, 0, read);
            }
        } catch (IOException e) {
            // one side closed or was cut
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
