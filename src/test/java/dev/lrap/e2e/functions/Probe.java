package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Tells what it received, so a test sees the event as the handler saw it: its size, its SHA-256, whether it still
 * holds a content reference, and the Runtime API this runtime talks to. Notes every invocation it runs in the
 * {@link Journal}, so a test can also tell that it did not run.
 */
public class Probe implements RequestStreamHandler {

    public static final String REFERENCE_PREFIX = "@content:dynamodb:table:";

    @Override
    public void handleRequest(InputStream input, OutputStream result, Context context) throws IOException {
        Journal.note(Journal.invoked(context.getAwsRequestId()));
        byte[] event = input.readAllBytes();
        String report = "{\"receivedBytes\":" + event.length
                + ",\"containsReference\":" + new String(event, StandardCharsets.UTF_8).contains(REFERENCE_PREFIX)
                + ",\"sha256\":\"" + sha256(event)
                + "\",\"runtimeApi\":\"" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "\"}";
        result.write(report.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
