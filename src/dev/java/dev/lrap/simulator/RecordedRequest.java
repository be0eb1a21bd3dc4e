package dev.lrap.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A request the runtime or an extension sent to the simulator, exactly as it arrived, so tests can check that
 * a proxy in between changed nothing.
 *
 * @param headers every header in arrival order, names spelled as sent, repeated headers kept apart
 * @param body the request body, or nothing for a streamed response whose body went to a streaming caller
 * @param trailers every trailer after a chunked body, like {@code headers}
 * @param received when the simulator had the whole request, trailers included: for a {@code /response}, the moment
 *        Lambda has it, which tells whether it came before the invocation's deadline
 */
public record RecordedRequest(List<Map.Entry<String, String>> headers, byte[] body, List<Map.Entry<String, String>> trailers,
        Instant received) {

    static RecordedRequest of(HttpServerRequest request, Buffer body) {
        return of(request, body, EmptyHttpHeaders.INSTANCE);
    }

    static RecordedRequest of(HttpServerRequest request, Buffer body, HttpHeaders trailers) {
        return new RecordedRequest(entries(request.headers()), body.getBytes(), entries(trailers), Instant.now());
    }

    private static List<Map.Entry<String, String>> entries(Iterable<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        headers.forEach(header -> entries.add(Map.entry(header.getKey(), header.getValue())));
        return List.copyOf(entries);
    }

    /** Every value of a header, matched case-insensitively as HTTP requires. */
    public List<String> headerValues(String name) {
        return valuesOf(headers, name);
    }

    /** Every value of a trailer, matched case-insensitively. */
    public List<String> trailerValues(String name) {
        return valuesOf(trailers, name);
    }

    public Optional<String> trailer(String name) {
        return trailerValues(name).stream().findFirst();
    }

    private static List<String> valuesOf(List<Map.Entry<String, String>> fields, String name) {
        return fields.stream()
                .filter(field -> field.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .toList();
    }

    public Optional<String> header(String name) {
        return headerValues(name).stream().findFirst();
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
