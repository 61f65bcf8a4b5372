package io.sluice.analytics.engine;

import io.sluice.kafka.RecordFormat;
import io.sluice.kafka.directory.StreamLocation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes output records into a Kinesis stream of the platform as PutRecord would: each record's
 * partition key (the hex MD5 of its data) routed by MD5 onto the open shard whose hash-key range
 * holds it, that shard's Kafka partition, sealed with the stream's data key while it is encrypted.
 * A Firehose delivery stream's location has the same shape (its partitions as shards that split the
 * hash-key space), so records written to it spread over its partitions, as PutRecordBatch spreads
 * them. The stream's location travels with the job as JSON and is read where the sink runs.
 */
final class StreamOutput implements KafkaRecordSerializationSchema<byte[]> {
    private static final long serialVersionUID = 1L;

    private final byte[] location;
    private transient StreamLocation stream;
    private transient RecordFormat format;

    StreamOutput(StreamLocation stream) {
        this.location = stream.toJson();
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        stream = StreamLocation.fromJson(location);
        format = StreamLocation.recordFormat(stream.dataKeys());
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(byte[] data, KafkaSinkContext context, Long timestamp) {
        String partitionKey = partitionKey(data);
        int partition = stream.shardFor(partitionKey).partition();
        return format.record(stream.topic(), partition, partitionKey.getBytes(StandardCharsets.UTF_8), data, stream.sealingKeyId());
    }

    static String partitionKey(byte[] data) {
        try {
            return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
