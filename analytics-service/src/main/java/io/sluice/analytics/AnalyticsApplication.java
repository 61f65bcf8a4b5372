package io.sluice.analytics;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Kinesis Analytics API: SQL applications, their metadata in this service's own PostgreSQL database. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsApplication {
    /** The name of this service's configuration file, distinct so that services can share a classpath. */
    public static final String CONFIG_NAME = "analytics-service";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(AnalyticsApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
