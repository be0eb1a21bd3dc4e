package dev.lrap.extension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.lrap.LambdaApi;

/**
 * lrap's conversation with the Extensions API: register, wait for events, and report a fatal error through the
 * endpoint Lambda expects for the current phase ({@code init/error} before the first event poll, {@code exit/error}
 * after it). It always talks to the original Runtime API, never through lrap's own listener.
 * <p>
 * It uses the JDK's HTTP client rather than the Quarkus REST client because it must also work when Quarkus itself
 * failed to start, which is exactly when Lambda most needs to hear from lrap.
 */
public final class ExtensionSession {

    private static final Logger LOG = Logger.getLogger(ExtensionSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often in a row lrap polls for the next event over a connection that breaks before it gives up. */
    static final int POLL_ATTEMPTS = 4;
    private static final Duration POLL_BACKOFF = Duration.ofMillis(100);

    private final URI api;
    private final String name;
    private volatile String identifier;
    private volatile boolean polled;

    /**
     * Builds the HTTP client on a thread of its own while Quarkus starts: on a cold JVM that takes ~0.1 s, which
     * would otherwise come between the listener accepting connections and lrap registering, on every cold start.
     */
    public static void prepareClient() {
        Thread preparing = new Thread(() -> Http.CLIENT.version(), "lrap-extension-client");
        preparing.setDaemon(true);
        preparing.start();
    }

    /** A session with the Extensions API at {@code upstream} ({@code host:port}) for the extension {@code name}. */
    public ExtensionSession(String upstream, String name) {
        this.api = URI.create("http://" + upstream + LambdaApi.EXTENSION + "/");
        this.name = name;
    }

    /** Registers for SHUTDOWN only: subscribing to INVOKE would make every invocation wait for lrap. */
    public void register() {
        HttpResponse<String> registered = send(request("register")
                .header(LambdaApi.EXTENSION_NAME, name)
                .POST(BodyPublishers.ofString("{\"events\":[\"SHUTDOWN\"]}")));
        identifier = registered.headers().firstValue(LambdaApi.EXTENSION_IDENTIFIER)
                .orElseThrow(() -> new IllegalStateException("Lambda answered the registration of " + name + " without "
                        + LambdaApi.EXTENSION_IDENTIFIER));
    }

    /**
     * Blocks, with no timeout, until Lambda sends the next event, and returns its {@code eventType} and, for
     * SHUTDOWN, its {@code shutdownReason}. A poll whose connection breaks is made again, {@value #POLL_ATTEMPTS}
     * times in a row at most, a little later each time: a connection from before a SnapStart snapshot may be dead
     * after the restore, and lrap would rather ask again than end the environment for it.
     */
    public JsonNode nextEvent() {
        polled = true;
        HttpResponse<String> event = null;
        for (int attempt = 1; event == null; attempt++) {
            try {
                event = send(request("event/next").header(LambdaApi.EXTENSION_IDENTIFIER, identifier).GET());
            } catch (UncheckedIOException broken) {
                if (attempt == POLL_ATTEMPTS) {
                    throw broken;
                }
                LOG.warnf("The Extensions API event poll broke (%s); polling again", broken.getCause());
                pause(POLL_BACKOFF.multipliedBy(attempt));
            }
        }
        try {
            return JSON.readTree(event.body());
        } catch (IOException notJson) {
            throw new IllegalStateException("Lambda sent an event that is not JSON", notJson);
        }
    }

    /** Tells Lambda why lrap is about to exit; registers first if needed, since Lambda only hears registered extensions. */
    public void reportFatal(String errorType, String message) {
        if (identifier == null) {
            register();
        }
        String failure = JSON.createObjectNode().put("errorMessage", message).put("errorType", errorType).toString();
        send(request(polled ? "exit/error" : "init/error")
                .header(LambdaApi.EXTENSION_IDENTIFIER, identifier)
                .header(LambdaApi.EXTENSION_ERROR_TYPE, errorType)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(failure)));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to poll the Extensions API again", interrupted);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest sent = request.build();
        try {
            HttpResponse<String> response = Http.CLIENT.send(sent, BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(sent.uri().getPath() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response;
        } catch (IOException unreachable) {
            throw new UncheckedIOException("The Extensions API at %s cannot be reached (%s %s): %s".formatted(
                    api.getAuthority(), sent.method(), sent.uri().getPath(), why(unreachable)), unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + sent.uri().getPath(), interrupted);
        }
    }

    /** Why a call could not be made, in words: the JDK's client gives the commonest failures no message at all. */
    private static String why(IOException failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        if (innermost instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (failure.getMessage() != null) {
            return failure.getMessage();
        }
        return failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
    }

    /** The client every session shares, built once, by whichever thread needs it first. */
    private static final class Http {

        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
    }
}
