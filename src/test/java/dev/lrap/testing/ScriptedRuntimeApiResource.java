package dev.lrap.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points lrap at a {@link ScriptedRuntimeApi} for the duration of a test class, and hands it to the test's
 * {@code ScriptedRuntimeApi} field if it has one. lrap starts only with a Runtime API to forward to and register
 * with, so every {@code @QuarkusTest} that does not bring a Lambda of its own names this resource, even when it never
 * scripts an answer.
 */
public class ScriptedRuntimeApiResource implements QuarkusTestResourceLifecycleManager {

    private ScriptedRuntimeApi upstream;

    @Override
    public Map<String, String> start() {
        upstream = new ScriptedRuntimeApi().start();
        return Map.of("lrap.runtime-api-endpoint", upstream.address());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(upstream, new TestInjector.MatchesType(ScriptedRuntimeApi.class));
    }

    @Override
    public void stop() {
        upstream.close();
    }
}
