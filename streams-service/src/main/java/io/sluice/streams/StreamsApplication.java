package io.sluice.streams;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Kinesis Data Streams API: shards are Kafka partitions, metadata lives in PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamsApplication {
    public static void main(String[] args) {
        SpringApplication.run(StreamsApplication.class, args);
    }
}
