package dev.lrap.e2e.functions;

import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Throws on every invocation, so the runtime reports a function error. */
public class Fail implements RequestStreamHandler {

    public static final String MESSAGE = "the function fails on purpose";

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) {
        throw new IllegalStateException(MESSAGE);
    }
}
