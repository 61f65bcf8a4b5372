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
 * one there first, and the services keep the configuration ({@code logging.config}).
 */
final class JsonLogs {
    static final String CONFIGURATION = "logback-json.xml";

    private JsonLogs() {
    }

    static void install() {
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
    }
}
