package dev.lrap.extension;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts lrap and makes sure that a failure to start is reported to Lambda, not only to the log. */
@QuarkusMain
public class LrapMain implements QuarkusApplication {

    public static void main(String... args) {
        Quarkus.run(LrapMain.class, (exitCode, failure) -> {
            if (failure != null) {
                FatalErrors.startupFailed(failure);
            }
            System.exit(failure != null && exitCode == 0 ? 1 : exitCode);
        }, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
