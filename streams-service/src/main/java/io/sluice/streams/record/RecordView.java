package io.sluice.streams.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.common.protocol.SequenceNumberSerializer;
import io.sluice.streams.encryption.RecordCipher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Wire form of a record in a GetRecords response or a SubscribeToShardEvent. */
public record RecordView(
        @JsonProperty("SequenceNumber") @JsonSerialize(using = SequenceNumberSerializer.class) SequenceNumber sequenceNumber,
        @JsonProperty("ApproximateArrivalTimestamp") Instant approximateArrivalTimestamp,
        @JsonProperty("Data") byte[] data,
        @JsonProperty("PartitionKey") String partitionKey,
        @JsonProperty("EncryptionType") String encryptionType) {

    /**
     * The Kinesis record a shard's Kafka record is: data the value (opened, if it was stored sealed;
     * its EncryptionType is then KMS), partition key the key.
     */
    public static RecordView of(ConsumerRecord<byte[], byte[]> r, RecordCipher cipher) {
        io.sluice.kafka.RecordFormat.Opened data = cipher.open(r);
        return new RecordView(
                new SequenceNumber(r.partition(), r.offset()),
                Instant.ofEpochMilli(r.timestamp()),
                data.data(),
                r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                data.sealed() ? "KMS" : null);
    }

    /** What a record counts for against read limits: its data and partition key. */
    public static long size(ConsumerRecord<byte[], byte[]> r) {
        return (long) Math.max(0, r.serializedValueSize()) + Math.max(0, r.serializedKeySize());
    }
}
