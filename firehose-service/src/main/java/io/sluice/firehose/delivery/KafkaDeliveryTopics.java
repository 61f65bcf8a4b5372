package io.sluice.firehose.delivery;

import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.kafka.TopicAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.stereotype.Component;

/** The delivery streams' topics in Kafka: the shared topic administration, with Firehose's naming. */
@Component
public class KafkaDeliveryTopics extends TopicAdmin implements DeliveryTopics {
    private final FirehoseProperties.Kafka kafka;

    KafkaDeliveryTopics(Admin admin, FirehoseProperties properties) {
        super(admin, properties.kafka().replicationFactor(), properties.kafka().minInsyncReplicas());
        this.kafka = properties.kafka();
    }

    @Override
    public void create(DeliveryStream stream) {
        create(DeliveryTopics.topicOf(stream), kafka.partitions(), kafka.retentionHours());
    }

    @Override
    public void delete(DeliveryStream stream) {
        delete(DeliveryTopics.topicOf(stream));
    }
}
