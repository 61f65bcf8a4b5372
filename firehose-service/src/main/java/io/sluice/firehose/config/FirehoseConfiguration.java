package io.sluice.firehose.config;

import io.sluice.common.account.Caller;
import io.sluice.endpoint.CallerScope;
import io.sluice.common.lambda.LambdaInvoker;
import io.sluice.common.crypto.MasterKey;
import io.sluice.kafka.directory.HttpStreamDirectory;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.RecordAppender;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of what the Firehose concepts share: the caller, one Kafka producer and one admin client. */
@Configuration(proxyBeanMethods = false)
class FirehoseConfiguration {

    /** Every request is served as the configured account and region until access keys map to accounts. */
    @Bean
    CallerScope callerScope(FirehoseProperties properties) {
        return new CallerScope(new Caller(properties.accountId(), properties.region()));
    }

    /** What Firehose requests act on, for authorization: a delivery stream, or a Glue database of the schema catalogue. */
    @Bean
    io.sluice.endpoint.access.RequestResources requestResources() {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("DeliveryStreamName", "firehose:deliverystream");
        names.put("DatabaseName", "glue:database");
        names.put("Name", "glue:database");
        return new io.sluice.endpoint.access.RequestResources(java.util.List.of("DeliveryStreamARN", "ResourceARN"), names);
    }

    /** acks=all with idempotence: a put is acknowledged once every in-sync replica has its records. */
    @Bean(destroyMethod = "close")
    KafkaProducer<byte[], byte[]> recordProducer(FirehoseProperties properties) {
        return RecordAppender.producer(properties.kafka().bootstrapServers(), "sluice-firehose");
    }

    /** The key that wraps the delivery streams' data keys. */
    @Bean
    MasterKey masterKey(FirehoseProperties properties) {
        return new MasterKey(properties.encryption() == null ? null : properties.encryption().masterKey(),
                "sluice.firehose.encryption.master-key");
    }

    /** The streams service's directory, where KinesisStreamAsSource delivery streams find their stream. */
    @Bean
    StreamDirectory streamDirectory(FirehoseProperties properties) {
        return new HttpStreamDirectory(properties.kinesisSource().streamsUri());
    }

    @Bean
    LambdaInvoker lambdaInvoker(FirehoseProperties properties) {
        FirehoseProperties.Lambda lambda = properties.lambda();
        return new LambdaInvoker(lambda.endpoints() == null ? java.util.Map.of() : lambda.endpoints(), lambda.urlTemplate(),
                lambda.timeout());
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(FirehoseProperties properties) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "sluice-firehose-admin"));
    }
}
