package dev.lrap.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Decides which headers cross the proxy. Everything the runtime or Lambda sends passes, unknown headers
 * included, except the hop-by-hop headers of RFC 9110 and the framing headers the proxy recomputes for the
 * body it actually sends.
 */
final class ForwardedHeaders {

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "host", "content-length", "expect");

    private ForwardedHeaders() {
    }

    /** The end-to-end headers of {@code headers}, names spelled and values ordered as received. */
    static MultivaluedMap<String, Object> endToEnd(Map<String, ? extends List<?>> headers) {
        Set<String> dropped = droppedNames(headers);
        MultivaluedMap<String, Object> forwarded = new MultivaluedHashMap<>();
        headers.forEach((name, values) -> {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> forwarded.add(name, value));
            }
        });
        return forwarded;
    }

    /** Hop-by-hop headers plus any header the sender listed in {@code Connection}. */
    private static Set<String> droppedNames(Map<String, ? extends List<?>> headers) {
        Set<String> listedInConnection = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("connection"))
                .flatMap(header -> header.getValue().stream())
                .flatMap(value -> List.of(String.valueOf(value).split(",")).stream())
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        listedInConnection.addAll(NOT_FORWARDED);
        return listedInConnection;
    }
}
