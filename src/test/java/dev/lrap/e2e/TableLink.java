package dev.lrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.lrap.offload.DynamoDbLocal;

/**
 * The network between lrap and a DynamoDB Local, which a test can cut and restore: cut, nothing listens on its port
 * and the connections through it are closed, as when DynamoDB cannot be reached; restored, it passes connections on
 * again, to the same DynamoDB Local with the same items.
 */
final class TableLink implements AutoCloseable {

    private final URI target;
    private final int port = DynamoDbLocal.freePort();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

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
        closeQuietly(listener);
        listener = null;
        sockets.forEach(TableLink::closeQuietly);
    }

    synchronized void restore() {
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
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed or was cut
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
