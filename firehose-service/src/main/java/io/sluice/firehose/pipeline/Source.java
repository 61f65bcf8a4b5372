package io.sluice.firehose.pipeline;

import io.sluice.firehose.delivery.DeliveryStream;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where delivered records come from: the delivery streams' own topics (DirectPut), or a Kinesis
 * stream's partitions (KinesisStreamAsSource). It names the delivery stream of a topic, opens a
 * record as it was put, and says whether a partition may be read yet (a Kinesis child shard only
 * after its parents are delivered).
 */
interface Source {

    /** The ACTIVE delivery stream that delivers the records of {@code topic}; empty when there is none any more. */
    Optional<DeliveryStream> streamOf(String topic);

    /** A record's data as it was put (opened, when it was sealed). */
    byte[] dataOf(DeliveryStream stream, ConsumerRecord<byte[], byte[]> record);

    /** Whether {@code partition}'s records may be delivered now; called on the consumer's thread. */
    default boolean mayTake(TopicPartition partition, Consumer<?, ?> consumer) {
        return true;
    }

    /** Partitions given to {@code consumer}: a source may move those it has never read to where reading starts. */
    default void onAssigned(Consumer<?, ?> consumer, java.util.Collection<TopicPartition> partitions) {
    }
}
