package dev.lrap.extension;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.resteasy.reactive.RestResponse;

import dev.lrap.LambdaApi;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * lrap's conversation with the Extensions API: register, wait for events, and report a fatal error through the
 * endpoint Lambda expects for the current phase ({@code init/error} before the first event poll, {@code exit/error}
 * after it). Always talks to the original Runtime API, never through lrap's own listener.
 */
public final class ExtensionSession {

    private final ExtensionsApi api;
    private final String name;
    private volatile String identifier;
    private volatile boolean polled;

    private ExtensionSession(ExtensionsApi api, String name) {
        this.api = api;
        this.name = name;
    }

    /** A session with the Extensions API at {@code upstream} ({@code host:port}) for the extension {@code name}. */
    public static ExtensionSession open(String upstream, String name) {
        ExtensionsApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://" + upstream))
                .connectTimeout(1, TimeUnit.SECONDS)
                // event/next blocks until Lambda has an event, across freezes that can last hours
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .build(ExtensionsApi.class);
        return new ExtensionSession(api, name);
    }

    /** Registers for SHUTDOWN only: subscribing to INVOKE would make every invocation wait for lrap. */
    public void register() {
        RestResponse<String> registered = api.register(name, new ExtensionsApi.Registration(List.of("SHUTDOWN")));
        identifier = registered.getHeaderString(LambdaApi.EXTENSION_IDENTIFIER);
        if (identifier == null || identifier.isBlank()) {
            throw new IllegalStateException("Lambda answered the registration of " + name + " without "
                    + LambdaApi.EXTENSION_IDENTIFIER + " (status " + registered.getStatus() + ")");
        }
    }

    /** Blocks until Lambda sends the next event. */
    public ExtensionsApi.Event nextEvent() {
        polled = true;
        return api.next(identifier);
    }

    public boolean isRegistered() {
        return identifier != null;
    }

    /** Tells Lambda why lrap is about to exit; registers first if needed, since Lambda only hears registered extensions. */
    public void reportFatal(String errorType, String message) {
        if (!isRegistered()) {
            register();
        }
        ExtensionsApi.Failure failure = new ExtensionsApi.Failure(message, errorType);
        if (polled) {
            api.exitError(identifier, errorType, failure);
        } else {
            api.initError(identifier, errorType, failure);
        }
    }
}
