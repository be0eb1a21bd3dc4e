package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Returns its event, byte for byte. */
public class Echo implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) throws IOException {
        event.transferTo(result);
    }
}
