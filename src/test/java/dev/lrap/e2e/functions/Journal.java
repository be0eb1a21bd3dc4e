package dev.lrap.e2e.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where functions note what they did, for tests to read afterwards: the file named by {@value #VARIABLE}, one line per
 * note. A function writes before it answers, so a test that has the answer can rely on the note.
 */
public final class Journal {

    public static final String VARIABLE = "FUNCTION_JOURNAL";

    private Journal() {
    }

    public static void note(String line) {
        try {
            Files.writeString(Path.of(System.getenv(VARIABLE)), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The note of an invocation whose handler ran. */
    public static String invoked(String requestId) {
        return "invoked " + requestId;
    }

    /** The note of an init that used this Runtime API. */
    public static String initAgainst(String runtimeApi) {
        return "init against " + runtimeApi;
    }
}
