package dev.lrap.extension;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts lrap and makes sure that a failure to start is reported to Lambda, not only to the log. */
@QuarkusMain
public class LrapMain implements QuarkusApplication {

    public static void main(String... args) {
        ExtensionSession.prepareClient();
        Quarkus.run(LrapMain.class, (exitCode, failure) -> {
            if (failure != null) {
                FatalErrors.startupFailed(failure);
            }
            // Quarkus's own handler exits the JVM in production; in dev mode it lets a live reload restart lrap
            ApplicationLifecycleManager.getDefaultExitCodeHandler()
                    .accept(failure != null && exitCode == 0 ? 1 : exitCode, failure);
        }, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
