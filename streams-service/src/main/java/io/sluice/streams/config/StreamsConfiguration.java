package io.sluice.streams.config;

import io.sluice.common.account.Caller;
import io.sluice.endpoint.CallerScope;
import io.sluice.common.crypto.MasterKey;
import io.sluice.kafka.RecordAppender;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the shared clients: one Kafka producer and one admin client per service. */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

    /** Every request is served as the configured account and region until access keys map to accounts. */
    @Bean
    CallerScope callerScope(StreamsProperties properties) {
        return new CallerScope(new Caller(properties.accountId(), properties.region()));
    }

    /** What Kinesis requests act on, for authorization: a consumer, a stream (by ARN or by name), a tagged resource. */
    @Bean
    io.sluice.endpoint.access.RequestResources requestResources() {
        return new io.sluice.endpoint.access.RequestResources(java.util.List.of("ConsumerARN", "StreamARN", "ResourceARN"),
                java.util.Map.of("StreamName", "kinesis:stream"));
    }

    /**
     * Socket reads and writes of 64 KiB instead of Tomcat's 8 KiB: a 500-record PutRecords body of
     * 1 KiB records takes 9 reads instead of 65.
     */
    @Bean
    TomcatConnectorCustomizer socketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", "65536");
            connector.setProperty("socket.appWriteBufSize", "65536");
        };
    }

    /** acks=all with idempotence: a PutRecord success means every in-sync replica has the record. */
    @Bean(destroyMethod = "close")
    KafkaProducer<byte[], byte[]> recordProducer(StreamsProperties properties) {
        return RecordAppender.producer(properties.kafka().bootstrapServers(), "sluice-streams");
    }

    /** The key that wraps the streams' data keys (encryption at rest). */
    @Bean
    MasterKey masterKey(StreamsProperties properties) {
        return new MasterKey(properties.encryption().masterKey(), "sluice.streams.encryption.master-key");
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(StreamsProperties properties) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "sluice-streams-admin"));
    }
}
