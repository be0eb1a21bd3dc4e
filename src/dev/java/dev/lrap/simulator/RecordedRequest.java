package dev.lrap.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A request the runtime or an extension sent to the simulator, exactly as it arrived, so tests can check that
 * a proxy in between changed nothing.
 *
 * @param headers every header in arrival order, names spelled as sent, repeated headers kept apart
 * @param body the request body
 */
public record RecordedRequest(List<Map.Entry<String, String>> headers, byte[] body) {

    static RecordedRequest of(HttpServerRequest request, Buffer body) {
        List<Map.Entry<String, String>> headers = request.headers().entries().stream()
                .map(header -> Map.entry(header.getKey(), header.getValue()))
                .toList();
        return new RecordedRequest(headers, body.getBytes());
    }

    /** Every value of a header, matched case-insensitively as HTTP requires. */
    public List<String> headerValues(String name) {
        return headers.stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
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
