package io.sluice.firehose;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Firehose API: delivery streams, their metadata in this service's own PostgreSQL database. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FirehoseApplication {
    /** The name of this service's configuration file, distinct so that services can share a classpath. */
    public static final String CONFIG_NAME = "firehose-service";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(FirehoseApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
