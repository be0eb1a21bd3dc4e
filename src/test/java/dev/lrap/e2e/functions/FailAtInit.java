package dev.lrap.e2e.functions;

import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Cannot even be loaded: its static initializer throws, as a function's does when its configuration is broken.
 * Before that it notes in the {@link Journal} which Runtime API the runtime was given, so a test can tell where the
 * init error went.
 */
public class FailAtInit implements RequestStreamHandler {

    static {
        Journal.note(Journal.initAgainst(System.getenv("AWS_LAMBDA_RUNTIME_API")));
        failInit();
    }

    private static void failInit() {
        throw new IllegalStateException("the function fails at init on purpose");
    }

    @Override
    public void handleRequest(InputStream event, OutputStream result, Context context) {
        throw new AssertionError("never invoked");
    }
}
