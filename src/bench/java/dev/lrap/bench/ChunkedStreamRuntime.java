package dev.lrap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lrap.LambdaApi;

/**
 * The streaming runtime of the benchmarks: for each event {@code {"bytes":N,"chunkBytes":C,"holdMillis":H}} it
 * answers with a streamed response of N bytes, written by hand as HTTP/1.1 chunks of C bytes with
 * {@code Lambda-Runtime-Function-Response-Mode: streaming}, as Lambda's streaming runtimes do. It holds everything
 * after the first chunk back for H ms, so that a proxy that buffers the stream shows in the time to the first byte.
 * Run by the simulator as the function's process; ends with it.
 */
public final class ChunkedStreamRuntime {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+)");
    private static final byte[] CRLF = { '\r', '\n' };

    /** What an event asks for. */
    record Stream(long bytes, int chunkBytes, long holdMillis) {

        String event() {
            return "{\"bytes\":" + bytes + ",\"chunkBytes\":" + chunkBytes + ",\"holdMillis\":" + holdMillis + "}";
        }

        static Stream of(String event) {
            Matcher field = FIELD.matcher(event);
            long bytes = 0;
            int chunkBytes = 0;
            long holdMillis = 0;
            while (field.find()) {
                long value = Long.parseLong(field.group(2));
                switch (field.group(1)) {
                    case "bytes" -> bytes = value;
                    case "chunkBytes" -> chunkBytes = (int) value;
                    case "holdMillis" -> holdMillis = value;
                    default -> throw new IllegalArgumentException("Unknown field in " + event);
                }
            }
            return new Stream(bytes, chunkBytes, holdMillis);
        }
    }

    private ChunkedStreamRuntime() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest next = HttpRequest.newBuilder(URI.create("http://" + api + LambdaApi.INVOCATION_NEXT)).build();
        while (true) {
            HttpResponse<String> event = http.send(next, BodyHandlers.ofString());
            String requestId = event.headers().firstValue(LambdaApi.REQUEST_ID).orElseThrow();
            stream(api, requestId, Stream.of(event.body()));
        }
    }

    /** Posts the response on a connection of its own and reads Lambda's answer to it. */
    private static void stream(String api, String requestId, Stream stream) throws IOException, InterruptedException {
        int colon = api.lastIndexOf(':');
        try (Socket socket = new Socket(api.substring(0, colon), Integer.parseInt(api.substring(colon + 1)))) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + LambdaApi.INVOCATION + "/" + requestId + "/response HTTP/1.1\r\n"
                    + "Host: " + api + "\r\n"
                    + LambdaApi.RESPONSE_MODE + ": " + LambdaApi.RESPONSE_MODE_STREAMING + "\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[stream.chunkBytes()];
            Arrays.fill(chunk, (byte) 'x');
            for (long sent = 0; sent < stream.bytes(); sent += chunk.length) {
                int length = (int) Math.min(chunk.length, stream.bytes() - sent);
                out.write(Integer.toHexString(length).getBytes(StandardCharsets.US_ASCII));
                out.write(CRLF);
                out.write(chunk, 0, length);
                out.write(CRLF);
                out.flush();
                if (sent == 0 && stream.holdMillis() > 0) {
                    TimeUnit.MILLISECONDS.sleep(stream.holdMillis());
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream answer = socket.getInputStream();
            String status = new String(answer.readNBytes(12), StandardCharsets.US_ASCII);
            answer.transferTo(OutputStream.nullOutputStream());
            if (!status.endsWith("202")) {
                System.err.println("The streamed response of " + requestId + " was answered " + status);
            }
        }
    }
}
