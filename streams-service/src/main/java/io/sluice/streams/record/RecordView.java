package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.common.kinesis.SequenceNumber;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Wire form of a record in a GetRecords response or a SubscribeToShardEvent. */
public record RecordView(
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("ApproximateArrivalTimestamp") Instant approximateArrivalTimestamp,
        @JsonProperty("Data") byte[] data,
        @JsonProperty("PartitionKey") String partitionKey) {

    /** The Kinesis record a shard's Kafka record is: data the value, partition key the key. */
    public static RecordView of(ConsumerRecord<byte[], byte[]> r) {
        return new RecordView(
                new SequenceNumber(r.partition(), r.offset()).encode(),
                Instant.ofEpochMilli(r.timestamp()),
                r.value() == null ? new byte[0] : r.value(),
                r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8));
    }

    /** What a record counts for against read limits: its data and partition key. */
    public static long size(ConsumerRecord<byte[], byte[]> r) {
        return (long) Math.max(0, r.serializedValueSize()) + Math.max(0, r.serializedKeySize());
    }
}
