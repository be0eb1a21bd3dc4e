package dev.lrap.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.lrap.LambdaApi;

/**
 * A runtime streaming its {@code /response} on a bare socket, framed as AWS's Node runtime client frames it: chunked,
 * with two {@code Trailer} announcements; or sending another body chunked. The test decides when each chunk goes
 * out, and what the trailers say.
 */
public final class StreamingRuntime implements AutoCloseable {

    private final RawHttp connection;

    private StreamingRuntime(RawHttp connection) {
        this.connection = connection;
    }

    /** Starts the streamed response to invocation {@code requestId} at the Runtime API listening on {@code port}. */
    public static StreamingRuntime respond(int port, String requestId) throws IOException {
        RawHttp connection = new RawHttp(port);
        connection.send(List.of("POST " + LambdaApi.INVOCATION + "/" + requestId + "/response HTTP/1.1",
                "Host: 127.0.0.1",
                LambdaApi.RESPONSE_MODE + ": " + LambdaApi.RESPONSE_MODE_STREAMING,
                "Content-Type: application/octet-stream",
                "Transfer-Encoding: chunked",
                "Trailer: " + LambdaApi.FUNCTION_ERROR_TYPE,
                "Trailer: " + LambdaApi.FUNCTION_ERROR_BODY), new byte[0]);
        return new StreamingRuntime(connection);
    }

    /**
     * Starts a POST of a body of unknown length to {@code path} (under the Runtime API's version), chunked, as Lambda's
     * buffered mode takes it: no response mode, no trailer announcements.
     */
    public static StreamingRuntime chunked(int port, String path) throws IOException {
        RawHttp connection = new RawHttp(port);
        connection.send(List.of("POST " + path + " HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
                "Transfer-Encoding: chunked"), new byte[0]);
        return new StreamingRuntime(connection);
    }

    public StreamingRuntime send(byte[] chunk) throws IOException {
        connection.sendBody((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        connection.sendBody(chunk);
        connection.sendBody("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Ends the stream with the last chunk and {@code trailers}, in order. */
    public StreamingRuntime end(List<Map.Entry<String, String>> trailers) throws IOException {
        StringBuilder last = new StringBuilder("0\r\n");
        trailers.forEach(trailer -> last.append(trailer.getKey()).append(": ").append(trailer.getValue()).append("\r\n"));
        connection.sendBody(last.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Waits for the answer to the response. */
    public RawHttp.Response answer() throws IOException {
        return connection.read();
    }

    /** Closes the connection, partway through the stream unless it was ended. */
    @Override
    public void close() throws IOException {
        connection.close();
    }
}
