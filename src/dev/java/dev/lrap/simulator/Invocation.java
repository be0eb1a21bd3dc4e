package dev.lrap.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.lrap.LambdaApi;

/**
 * One call of the function, as a caller hands it to the simulator: the event and what Lambda derives from the
 * invoke request. Tests use {@link #withHeader} to make the runtime's {@code /next} carry headers the
 * simulator would not send by itself, such as a future {@code Lambda-Runtime-*} header or a duplicate.
 *
 * @param payload the event, delivered to the runtime byte for byte
 * @param contentType the event's content type
 * @param traceId the X-Ray trace header; the simulator generates one when it is empty
 * @param nextHeaders extra headers of the runtime's {@code /next} response, in order, duplicates kept
 */
public record Invocation(byte[] payload, String contentType, Optional<String> traceId,
        List<Map.Entry<String, String>> nextHeaders) {

    static final String DEFAULT_CONTENT_TYPE = "application/json";

    public Invocation {
        nextHeaders = List.copyOf(nextHeaders);
    }

    public static Invocation of(byte[] payload) {
        return new Invocation(payload, DEFAULT_CONTENT_TYPE, Optional.empty(), List.of());
    }

    public static Invocation of(String payload) {
        return of(payload.getBytes(StandardCharsets.UTF_8));
    }

    public Invocation withContentType(String contentType) {
        return new Invocation(payload, contentType, traceId, nextHeaders);
    }

    public Invocation withTraceId(String traceId) {
        return new Invocation(payload, contentType, Optional.of(traceId), nextHeaders);
    }

    /** Adds a header to the runtime's {@code /next} response; adding a name twice sends it twice. */
    public Invocation withHeader(String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(nextHeaders);
        headers.add(Map.entry(name, value));
        return new Invocation(payload, contentType, traceId, headers);
    }

    /** The mobile SDK client context, as the JSON text the runtime receives. */
    public Invocation withClientContext(String clientContextJson) {
        return withHeader(LambdaApi.CLIENT_CONTEXT, clientContextJson);
    }

    public Invocation withTenantId(String tenantId) {
        return withHeader(LambdaApi.TENANT_ID, tenantId);
    }
}
