package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Returns a JSON document of exactly as many bytes as its event, a JSON number, asks for. */
public class JsonOfSize implements RequestStreamHandler {

    private static final byte[] OPEN = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "\"}".getBytes(StandardCharsets.US_ASCII);

    /** The document of {@code size} bytes: one string field, padded with {@code x}. */
    public static byte[] document(int size) {
        byte[] document = new byte[size];
        Arrays.fill(document, (byte) 'x');
        System.arraycopy(OPEN, 0, document, 0, OPEN.length);
        System.arraycopy(CLOSE, 0, document, size - CLOSE.length, CLOSE.length);
        return document;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) throws IOException {
        int size = Integer.parseInt(new String(event.readAllBytes(), StandardCharsets.US_ASCII).trim());
        result.write(document(size));
    }
}
