package dev.lrap.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a bare socket, for assertions an HTTP client library would hide: exact header spelling, repeated
 * headers, framing headers and a connection that hangs up.
 */
public final class RawHttp implements AutoCloseable {

    /** A response as it was on the wire. */
    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        public List<String> values(String name) {
            return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .toList();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;

    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
    }

    /** Sends the request head (lines without CRLF) and body. */
    public RawHttp send(List<String> head, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((String.join("\r\n", head) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return sendBody(body);
    }

    /** Sends more body bytes, as after a {@code 100 Continue}. */
    public RawHttp sendBody(byte[] body) throws IOException {
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return this;
    }

    public Response read() throws IOException {
        InputStream in = socket.getInputStream();
        String[] lines = readHead(in).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        return new Response(status, headers, in.readNBytes(length));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Connection closed before the response head ended");
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
