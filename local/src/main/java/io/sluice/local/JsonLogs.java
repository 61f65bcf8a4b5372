package io.sluice.local;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code --log-format json}: every line the launcher logs as one JSON object, from its first (the
 * engines starting) to its last. Spring Boot's structured log encoder wants a Spring environment in
 * the logging context, which the services' own start would put there only later; the launcher puts
 * one there first. Logback is configured here once, and the services' Spring Boot leaves it alone
 * (its logging system "none"): each of the four applications re-initializing it reset the context,
 * a Kafka thread logging in that moment made logback note "No appenders present", and Spring Boot's
 * console status listener printed that note as a plain-text line. The launcher's
 * {@code --logging.level.NAME=LEVEL} options are applied here for the same reason.
 */
final class JsonLogs {
    static final String CONFIGURATION = "logback-json.xml";
    private static final String LEVEL = "logging.level.";

    private JsonLogs() {
    }

    static void install(java.util.Map<String, String> properties) {
        System.setProperty(org.springframework.boot.logging.LoggingSystem.SYSTEM_PROPERTY, org.springframework.boot.logging.LoggingSystem.NONE);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(JsonLogs.class.getClassLoader().getResource(CONFIGURATION));
        } catch (JoranException e) {
            throw new IllegalStateException("Could not configure JSON logs", e);
        }
        // What Spring Boot's logging system would have done: java.util.logging (Tomcat's) into logback, levels propagated back.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        ch.qos.logback.classic.jul.LevelChangePropagator propagator = new ch.qos.logback.classic.jul.LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);
        properties.forEach((name, value) -> {
            if (name.startsWith(LEVEL)) {
                String logger = name.substring(LEVEL.length());
                context.getLogger(logger.equalsIgnoreCase("root") ? org.slf4j.Logger.ROOT_LOGGER_NAME : logger)
                        .setLevel(ch.qos.logback.classic.Level.toLevel(value, null));
            }
        });
    }
}
