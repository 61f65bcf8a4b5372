package io.sluice.local;

import io.sluice.analytics.AnalyticsApplication;
import io.sluice.engines.FreePorts;
import io.sluice.firehose.FirehoseApplication;
import io.sluice.gateway.GatewayApplication;
import io.sluice.streams.StreamsApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway and the services, each a Spring application with its own port, in this process, on
 * engines that are already running. The streams service can be restarted alone.
 */
public final class SluicePlatform implements AutoCloseable {
    /** Auto-configuration that services without a database must not attempt. */
    private static final String DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
    /**
     * The reactive HTTP client set-up of a servlet service: its resource factory shares Reactor
     * Netty's global event loops with the gateway's server, and closing the service (a restart)
     * would dispose of them under the gateway.
     */
    private static final String REACTIVE_CLIENT =
            "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration";

    /**
     * @param gatewayPort the public port, 0 for a free one
     * @param kafkaBootstrapServers the Kafka cluster holding the shards
     * @param jdbcUrl the streams metadata database
     * @param jdbcUser its user
     * @param masterKey the key that wraps the data keys of encrypted streams (32 bytes, base64), or
     *     null to leave encryption at rest unavailable
     * @param streamsInitializers extra set-up of the streams service's context (tests replace its clock)
     */
    public record Settings(
            int gatewayPort,
            String kafkaBootstrapServers,
            String jdbcUrl,
            String jdbcUser,
            String masterKey,
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> streamsInitializers) {
    }

    private final Settings settings;
    private final int streamsPort;
    private ConfigurableApplicationContext streams;
    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    private SluicePlatform(Settings settings) {
        this.settings = settings;
        this.streamsPort = FreePorts.pick();
    }

    public static SluicePlatform start(Settings settings) {
        SluicePlatform platform = new SluicePlatform(settings);
        try {
            platform.startStreams();
            platform.others.add(run(FirehoseApplication.class, FirehoseApplication.CONFIG_NAME, WebApplicationType.SERVLET,
                    List.of(), "--server.port=0", exclude(DATABASE, REACTIVE_CLIENT)));
            platform.others.add(run(AnalyticsApplication.class, AnalyticsApplication.CONFIG_NAME, WebApplicationType.SERVLET,
                    List.of(), "--server.port=0", exclude(DATABASE, REACTIVE_CLIENT)));
            platform.others.add(run(GatewayApplication.class, GatewayApplication.CONFIG_NAME, WebApplicationType.REACTIVE,
                    List.of(), "--server.port=" + settings.gatewayPort(), exclude(DATABASE),
                    "--sluice.gateway.streams-uri=http://127.0.0.1:" + platform.streamsPort));
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** Stops the streams service and starts it again on the same port, as a deployment would. */
    public synchronized void restartStreams() {
        streams.close();
        startStreams();
    }

    public int gatewayPort() {
        return port(others.get(others.size() - 1));
    }

    public int streamsPort() {
        return streamsPort;
    }

    private synchronized void startStreams() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + streamsPort,
                exclude(REACTIVE_CLIENT),
                "--spring.datasource.url=" + settings.jdbcUrl(),
                "--spring.datasource.username=" + settings.jdbcUser(),
                "--sluice.streams.kafka.bootstrap-servers=" + settings.kafkaBootstrapServers()));
        if (settings.masterKey() != null) {
            args.add("--sluice.streams.encryption.master-key=" + settings.masterKey());
        }
        streams = run(StreamsApplication.class, StreamsApplication.CONFIG_NAME, WebApplicationType.SERVLET,
                settings.streamsInitializers(), args.toArray(String[]::new));
    }

    private static ConfigurableApplicationContext run(Class<?> app, String configName, WebApplicationType type,
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--spring.config.name=" + configName;
        all[args.length + 1] = "--spring.cloud.gateway.server.webflux.enabled=" + (type == WebApplicationType.REACTIVE);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(app)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false);
        initializers.forEach(builder::initializers);
        return builder.run(all);
    }

    private static String exclude(String... autoConfigurations) {
        return "--spring.autoconfigure.exclude=" + String.join(",", autoConfigurations);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public synchronized void close() {
        for (int i = others.size() - 1; i >= 0; i--) {
            others.get(i).close();
        }
        others.clear();
        if (streams != null) {
            streams.close();
            streams = null;
        }
    }
}
