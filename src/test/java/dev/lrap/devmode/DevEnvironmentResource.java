package dev.lrap.devmode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.lrap.offload.DynamoDbLocal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * lrap as {@code quarkus:dev} runs it, in a {@code @QuarkusTest}: the dev environment with the sample tool, on free
 * ports, and lrap wired to it with the settings the environment reports, as the launcher wires it in dev mode.
 */
public class DevEnvironmentResource implements QuarkusTestResourceLifecycleManager {

    private DevEnvironment environment;

    @Override
    public Map<String, String> start() {
        int lrapPort = DynamoDbLocal.freePort();
        environment = DevEnvironment.start(new DevPlan(true, Optional.empty(), DynamoDbLocal.TABLE, 0, 0,
                lrapPort, Optional.empty(), Path.of("").toAbsolutePath()));
        Map<String, String> settings = new HashMap<>(environment.lrapSettings());
        settings.put("quarkus.http.test-port", Integer.toString(lrapPort));
        return settings;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(environment, new TestInjector.MatchesType(DevEnvironment.class));
    }

    @Override
    public void stop() {
        environment.close();
    }
}
