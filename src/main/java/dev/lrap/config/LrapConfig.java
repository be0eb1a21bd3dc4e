package dev.lrap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * lrap's settings as an extension and a proxy; the offload and the metrics have theirs beside them. The original
 * extension's environment variables ({@code LRAP_*}) map onto these properties, see {@code application.properties}.
 */
@ConfigMapping(prefix = LrapConfig.PREFIX)
public interface LrapConfig {

    // names for reading a setting without the mapping, as a failure to start does: the mapping may be what failed
    String PREFIX = "lrap";
    String RUNTIME_API_ENDPOINT = "runtime-api-endpoint";
    String EXTENSION_NAME = "extension-name";

    /** The Runtime API lrap forwards to, as {@code host:port}; defaults to Lambda's {@code AWS_LAMBDA_RUNTIME_API}. */
    @WithName(RUNTIME_API_ENDPOINT)
    @WithConverter(RuntimeApiEndpoint.class)
    Optional<String> runtimeApiEndpoint();

    /** The upstream Runtime API as {@code host:port}. */
    default String upstream() {
        return runtimeApiEndpoint().orElseThrow(() -> new IllegalStateException(
                "No Runtime API to forward to: neither LRAP_RUNTIME_API_ENDPOINT nor AWS_LAMBDA_RUNTIME_API is set"));
    }

    /** The loopback port the runtime's requests arrive on ({@code LRAP_LISTENER_PORT}). */
    @WithDefault("9009")
    @WithConverter(ListenerPort.class)
    int listenerPort();

    /** Logs payload details and adds the original's {@code proxy_in}/{@code proxy_out} markers ({@code LRAP_DEBUG}). */
    @WithDefault("false")
    @WithConverter(Debug.class)
    boolean debug();

    /** The name lrap registers under; Lambda requires the file name the extension was started as. */
    @WithName(EXTENSION_NAME)
    Optional<String> extensionName();

    /**
     * The Runtime API endpoint as {@code host:port}, taken with or without a scheme and a trailing slash as Lambda's
     * own clients take it. Anything else, a missing port say, stops lrap at start-up rather than at the first relayed
     * request.
     */
    final class RuntimeApiEndpoint implements Converter<String> {

        private static final int HIGHEST_PORT = 65_535;

        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                return null;
            }
            return usable(value).orElseThrow(() -> new InvalidSetting("LRAP_RUNTIME_API_ENDPOINT or AWS_LAMBDA_RUNTIME_API",
                    "host:port, such as 127.0.0.1:9001", value));
        }

        /** {@code endpoint} as {@code host:port}, if it is an endpoint lrap can reach. */
        public static Optional<String> usable(String endpoint) {
            String hostAndPort = endpoint.replaceFirst("^https?://", "").replaceFirst("/+$", "");
            try {
                URI uri = new URI("http://" + hostAndPort);
                boolean hostAndPortAlone = uri.getHost() != null && uri.getRawUserInfo() == null
                        && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null;
                return hostAndPortAlone && uri.getPort() >= 1 && uri.getPort() <= HIGHEST_PORT
                        ? Optional.of(hostAndPort) : Optional.empty();
            } catch (URISyntaxException notAnEndpoint) {
                return Optional.empty();
            }
        }
    }

    /** {@code LRAP_DEBUG}. */
    final class Debug extends Switch {

        public Debug() {
            super("LRAP_DEBUG");
        }
    }

    /**
     * {@code LRAP_LISTENER_PORT} as the wrapper hands it to the runtime, which takes it as written: digits alone, of
     * a port lrap can bind. Port 0 would have lrap listen on a port of the system's choice, where no runtime looks.
     */
    final class ListenerPort implements Converter<Integer> {

        private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

        @Override
        public Integer convert(String value) {
            if (PORT.matcher(value).matches()) {
                int port = Integer.parseInt(value);
                if (port >= 1 && port <= RuntimeApiEndpoint.HIGHEST_PORT) {
                    return port;
                }
            }
            throw new InvalidSetting("LRAP_LISTENER_PORT", "a port number from 1 to " + RuntimeApiEndpoint.HIGHEST_PORT + ", digits alone", value);
        }
    }
}
