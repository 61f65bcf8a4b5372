package io.sluice.deployment;

import io.sluice.analytics.AnalyticsApplication;
import io.sluice.analytics.config.AnalyticsProperties;
import io.sluice.endpoint.EndpointProperties;
import io.sluice.firehose.FirehoseApplication;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.gateway.GatewayApplication;
import io.sluice.gateway.GatewaySettings;
import io.sluice.streams.StreamsApplication;
import io.sluice.streams.config.StreamsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A Sluice deployable as its own configuration describes it: the Maven module its image is built
 * from, the port in its configuration file, and the settings it binds. Deployment files are
 * checked against this, so a renamed property or a moved port fails the build instead of a
 * deployment.
 */
enum SluiceService {
    GATEWAY("gateway", GatewayApplication.CONFIG_NAME, List.of(GatewaySettings.class)),
    STREAMS("streams-service", StreamsApplication.CONFIG_NAME, List.of(StreamsProperties.class, EndpointProperties.class)),
    FIREHOSE("firehose-service", FirehoseApplication.CONFIG_NAME, List.of(FirehoseProperties.class, EndpointProperties.class)),
    ANALYTICS("analytics-service", AnalyticsApplication.CONFIG_NAME, List.of(AnalyticsProperties.class, EndpointProperties.class));

    /** Environment variables that configure the JVM or a library rather than a Spring property. */
    private static final List<String> NOT_PROPERTIES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final String module;
    private final String configName;
    private final List<Class<?>> settings;

    SluiceService(String module, String configName, List<Class<?>> settings) {
        this.module = module;
        this.configName = configName;
        this.settings = settings;
    }

    /** The Maven module, and the image's name ({@code sluice/<module>}). */
    String module() {
        return module;
    }

    String image() {
        return "sluice/" + module;
    }

    static SluiceService ofModule(String module) {
        for (SluiceService service : values()) {
            if (service.module.equals(module)) {
                return service;
            }
        }
        throw new IllegalArgumentException("No Sluice service is built from module " + module);
    }

    /** The service's own configuration file, as it is on the class path. */
    Properties configuration() {
        Properties properties = new Properties();
        try (InputStream in = SluiceService.class.getResourceAsStream("/" + configName + ".properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The port the service listens on (its {@code server.port}). */
    int port() {
        return Integer.parseInt(configuration().getProperty("server.port"));
    }

    /**
     * The environment variables this service would not understand: Sluice settings that none of
     * its settings classes binds (a typo, a renamed property, another service's setting), and other
     * names that no Spring Boot property on its class path is spelled as.
     */
    List<String> unknownVariables(Map<String, String> environment) {
        List<String> unknown = new ArrayList<>();
        for (String name : environment.keySet()) {
            if (NOT_PROPERTIES.contains(name)) {
                continue;
            }
            if (name.startsWith("SLUICE_")) {
                if (!bindsSluiceSetting(name, environment.get(name))) {
                    unknown.add(name);
                }
            } else if (!SpringProperties.knows(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private boolean bindsSluiceSetting(String name, String value) {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, value))));
        for (Class<?> type : settings) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (!name.startsWith(prefix.toUpperCase().replace('.', '_') + "_")) {
                continue;
            }
            try {
                binder.bindOrCreate(prefix, Bindable.of(type), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
                return true;
            } catch (RuntimeException e) {
                if (!(rootCause(e) instanceof UnboundConfigurationPropertiesException)) {
                    throw new IllegalArgumentException(name + "=" + value + " does not bind to " + type.getSimpleName(), e);
                }
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof UnboundConfigurationPropertiesException) {
                return cause;
            }
            cause = cause.getCause();
        }
        return cause;
    }
}
