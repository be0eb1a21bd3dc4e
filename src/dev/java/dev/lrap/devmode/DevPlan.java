package dev.lrap.devmode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import dev.lrap.config.LrapConfig;
import dev.lrap.offload.OffloadConfig;
import dev.lrap.observability.MetricsConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What the {@link DevEnvironment} starts.
 *
 * @param simulate whether to run the simulator and the function: lrap is configured with no Runtime API of its own
 * @param dynamoDb the DynamoDB lrap is configured with; without one, DynamoDB Local is started
 * @param table the name of lrap's content table
 * @param runtimeApiPort the simulated Runtime API's port, 0 for a free one
 * @param invokePort the invoke endpoint's port, 0 for a free one
 * @param lrapPort the port lrap listens on, where {@code wrapper.sh} points the function
 * @param function the shell command that starts the function; without one, the {@link SampleTool}
 * @param projectDir where {@code wrapper.sh} is, and the function's task root
 */
public record DevPlan(boolean simulate, Optional<URI> dynamoDb, String table, int runtimeApiPort, int invokePort,
        int lrapPort, Optional<String> function, Path projectDir) {

    /**
     * What lrap's configuration in the dev profile calls for, read as lrap reads it: application.properties under these
     * environment variables. System properties given to quarkus:dev reach lrap alone, not its dev environment.
     */
    public static DevPlan from(Map<String, String> environment, Path projectDir) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("dev")
                .addDefaultInterceptors()
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(DevPlan.class.getResource("/application.properties"), 250))
                .withMapping(LrapConfig.class)
                .withMapping(OffloadConfig.class)
                .withMapping(MetricsConfig.class)
                .withMapping(DevSettings.class)
                .build();
        LrapConfig lrap = config.getConfigMapping(LrapConfig.class);
        OffloadConfig offload = config.getConfigMapping(OffloadConfig.class);
        DevSettings dev = config.getConfigMapping(DevSettings.class);
        return new DevPlan(lrap.runtimeApiEndpoint().isEmpty(),
                config.getOptionalValue("quarkus.dynamodb.endpoint-override", URI.class), offload.table(),
                dev.runtimeApiPort(), dev.invokePort(), lrap.listenerPort(), dev.function(), projectDir);
    }
}
