package io.sluice.streams.topic;

import io.sluice.kafka.TopicAdmin;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.StreamKey;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.stereotype.Component;

/** The topics of Kinesis streams: the shared topic administration, with the streams' naming. */
@Component
public class StreamTopics extends TopicAdmin {

    StreamTopics(Admin admin, StreamsProperties properties) {
        super(admin, properties.kafka().replicationFactor(), properties.kafka().minInsyncReplicas());
    }

    /** The topic name of a new stream: readable by Kafka tools, unique across re-creations. */
    public static String topicName(StreamKey key, long creationMillis) {
        return "kinesis." + key.accountId() + "." + key.region() + "." + key.name() + "." + Long.toString(creationMillis, 36);
    }
}
