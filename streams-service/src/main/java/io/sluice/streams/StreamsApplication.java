package io.sluice.streams;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Kinesis Data Streams API: shards are Kafka partitions, metadata lives in PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamsApplication {
    /** The name of this service's configuration file, distinct so that services can share a classpath. */
    public static final String CONFIG_NAME = "streams-service";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(StreamsApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
