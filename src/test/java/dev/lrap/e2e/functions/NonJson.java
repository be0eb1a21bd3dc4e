package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Returns bytes that are not JSON: text with a line break, then bytes that are not even UTF-8. */
public class NonJson implements RequestStreamHandler {

    private static final byte[] RESULT = concat("SUCCESS, not JSON: {\"half\": \u2713\r\n".getBytes(StandardCharsets.UTF_8),
            new byte[] { 0x00, (byte) 0xff, (byte) 0xc3, 0x28 });

    /** What every invocation returns. */
    public static byte[] result() {
        return RESULT.clone();
    }

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) throws IOException {
        result.write(RESULT);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
