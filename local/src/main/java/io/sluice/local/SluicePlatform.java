package io.sluice.local;

import io.sluice.analytics.flink.FlinkCluster;
import io.sluice.engines.FreePorts;
import io.sluice.gateway.GatewayApplication;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway and the chosen services, each a Spring application with its own port and database,
 * in this process, on engines that are already running. A service can be restarted alone.
 */
public final class SluicePlatform implements AutoCloseable {
    /**
     * The reactive HTTP client set-up of a servlet service: its resource factory shares Reactor
     * Netty's global event loops with the gateway's server, and closing the service (a restart)
     * would dispose of them under the gateway.
     */
    private static final String REACTIVE_CLIENT =
            "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration";
    /** The gateway's TLS settings (Spring Boot's server.ssl.*), which go to the gateway alone. */
    static final String GATEWAY_TLS = "server.ssl.";
    /** The gateway's authentication mode: permissive unless the settings say otherwise. */
    static final String AUTH_MODE = "sluice.gateway.auth.mode";
    /** Auto-configuration the gateway must not attempt: it has no database. */
    private static final String DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    /**
     * @param gatewayPort the public port, 0 for a free one
     * @param services the services to run; the gateway answers the others' operations with ServiceUnavailable
     * @param kafkaBootstrapServers the Kafka cluster holding the shards
     * @param jdbcUrls the JDBC URL of a database by name, created on first use
     * @param jdbcUser the database user
     * @param databasePrefix the streams service's database; the others append {@code _firehose}, {@code _analytics}
     * @param properties service properties ({@code sluice.streams.throughput.enabled} …), given to every service
     * @param initializers extra set-up of the gateway's and every service's context (tests replace the clock)
     * @param flink the Flink cluster the Analytics service runs applications on (started on first use),
     *     or null to leave it to {@code sluice.analytics.flink.rest-url}
     */
    public record Settings(
            int gatewayPort,
            Set<PlatformService> services,
            String kafkaBootstrapServers,
            UnaryOperator<String> jdbcUrls,
            String jdbcUser,
            String databasePrefix,
            Map<String, String> properties,
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers,
            Supplier<URI> flink) {

        public Settings {
            services = Set.copyOf(services);
            properties = Map.copyOf(properties);
            initializers = List.copyOf(initializers);
        }

        /** The same settings with more service properties. */
        public Settings with(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(properties);
            all.putAll(more);
            return new Settings(gatewayPort, services, kafkaBootstrapServers, jdbcUrls, jdbcUser, databasePrefix, all, initializers,
                    flink);
        }
    }

    private final Settings settings;
    private final Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
    private final Map<PlatformService, ConfigurableApplicationContext> services = new EnumMap<>(PlatformService.class);
    private ConfigurableApplicationContext gateway;

    private SluicePlatform(Settings settings) {
        this.settings = settings;
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, FreePorts.pick());
        }
    }

    public static SluicePlatform start(Settings settings) {
        SluicePlatform platform = new SluicePlatform(settings);
        try {
            for (PlatformService service : PlatformService.values()) {
                if (settings.services().contains(service)) {
                    platform.startService(service);
                }
            }
            platform.startGateway();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** Stops a service and starts it again on the same port, as a deployment would. */
    public synchronized void restart(PlatformService service) {
        ConfigurableApplicationContext running = services.remove(service);
        if (running != null) {
            running.close();
        }
        startService(service);
    }

    public int gatewayPort() {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    public int port(PlatformService service) {
        return ports.get(service);
    }

    private synchronized void startService(PlatformService service) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + ports.get(service),
                "--spring.autoconfigure.exclude=" + REACTIVE_CLIENT,
                "--spring.datasource.url=" + settings.jdbcUrls().apply(service.database(settings.databasePrefix())),
                "--spring.datasource.username=" + settings.jdbcUser(),
                "--sluice.streams.kafka.bootstrap-servers=" + settings.kafkaBootstrapServers(),
                "--sluice.analytics.kafka.bootstrap-servers=" + settings.kafkaBootstrapServers(),
                "--sluice.firehose.kafka.bootstrap-servers=" + settings.kafkaBootstrapServers(),
                "--sluice.firehose.kinesis-source.streams-uri=http://127.0.0.1:" + ports.get(PlatformService.STREAMS),
                "--sluice.analytics.streams-uri=http://127.0.0.1:" + ports.get(PlatformService.STREAMS),
                "--sluice.analytics.firehose-uri=http://127.0.0.1:" + ports.get(PlatformService.FIREHOSE)));
        // TLS is the gateway's: the services behind it are reached over plain HTTP on the loopback.
        settings.properties().forEach((name, value) -> {
            if (!name.startsWith(GATEWAY_TLS)) {
                args.add("--" + name + "=" + value);
            }
        });
        List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers = new ArrayList<>(settings.initializers());
        if (service == PlatformService.ANALYTICS && settings.flink() != null) {
            Supplier<URI> flink = settings.flink();
            initializers.add(context -> context.getBeanFactory().registerSingleton("flinkCluster", (FlinkCluster) flink::get));
        }
        services.put(service, run(service.application(), service.configName(), WebApplicationType.SERVLET, initializers, args));
    }

    private void startGateway() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + settings.gatewayPort(),
                "--spring.autoconfigure.exclude=" + DATABASE));
        for (PlatformService service : PlatformService.values()) {
            args.add("--" + service.gatewayProperty() + "=http://127.0.0.1:" + ports.get(service));
        }
        if (!settings.properties().containsKey(AUTH_MODE)) {
            // The launcher's default, as the emulators do: any well-formed signature; known keys verified.
            args.add("--" + AUTH_MODE + "=permissive");
        }
        settings.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        gateway = run(GatewayApplication.class, GatewayApplication.CONFIG_NAME, WebApplicationType.REACTIVE, settings.initializers(), args);
    }

    private static ConfigurableApplicationContext run(Class<?> app, String configName, WebApplicationType type,
            List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--spring.config.name=" + configName);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(app)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false);
        initializers.forEach(builder::initializers);
        return builder.run(all.toArray(String[]::new));
    }

    @Override
    public synchronized void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        List<PlatformService> running = new ArrayList<>(services.keySet());
        for (int i = running.size() - 1; i >= 0; i--) {
            services.remove(running.get(i)).close();
        }
    }
}
