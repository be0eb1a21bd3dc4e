package dev.lrap.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** A function for AWS's Java runtime client: echoes its event, and fails when the event is {@code "fail"}. */
public class EchoHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if ("\"fail\"".equals(new String(event))) {
            throw new IllegalStateException("failure requested by the event");
        }
        output.write(event);
    }
}
