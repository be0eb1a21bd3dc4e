package dev.lrap.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Decides which headers cross the proxy. Everything the runtime or Lambda sends passes, unknown headers
 * included, except the hop-by-hop headers of RFC 9110 and the framing headers the proxy recomputes for the
 * body it actually sends. Vert.x's HTTP client and server leave this to their users; its separate reverse proxy
 * module would also add {@code X-Forwarded-*} headers, which Lambda must not see.
 */
final class ForwardedHeaders {

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "host", "content-length", "expect");

    private ForwardedHeaders() {
    }

    /**
     * The end-to-end headers of {@code headers} (Vert.x's or Netty's), names spelled and values ordered as received.
     */
    static MultiMap endToEnd(Iterable<Map.Entry<String, String>> headers) {
        Set<String> listedInConnection = listedInConnection(headers);
        MultiMap forwarded = HttpHeaders.headers();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !listedInConnection.contains(name)) {
                forwarded.add(header.getKey(), header.getValue());
            }
        }
        return forwarded;
    }

    /** The names the {@code Connection} headers list as hop-by-hop, lower case. */
    private static Set<String> listedInConnection(Iterable<Map.Entry<String, String>> headers) {
        Set<String> listed = new HashSet<>();
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(HttpHeaders.CONNECTION.toString())) {
                for (String name : header.getValue().split(",")) {
                    listed.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return listed;
    }
}
