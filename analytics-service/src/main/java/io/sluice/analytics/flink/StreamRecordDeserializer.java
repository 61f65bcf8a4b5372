package io.sluice.analytics.flink;

import io.sluice.kafka.RecordFormat;
import io.sluice.kafka.directory.StreamLocation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the Kafka records of a Sluice stream into rows as a Kinesis reader sees them: sealed
 * records opened with the stream's data keys, each with its shard and sequence number. Serialized
 * into the job with the data keys it needs; the record format is rebuilt on the task.
 */
public final class StreamRecordDeserializer implements KafkaRecordDeserializationSchema<Row> {
    private static final long serialVersionUID = 1L;
    /** The columns of a stream's rows. */
    public static final String[] COLUMNS = {"partitionKey", "data", "shardId", "sequenceNumber", "approximateArrivalTimestamp"};

    private final HashMap<Long, String> dataKeys;
    private final HashMap<Integer, String> shardIds = new HashMap<>();
    private transient RecordFormat format;

    public StreamRecordDeserializer(StreamLocation location) {
        this.dataKeys = new HashMap<>(location.dataKeys());
        location.shards().forEach(s -> shardIds.put(s.partition(), s.shardId()));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Row> out) {
        if (format == null) {
            format = StreamLocation.recordFormat(dataKeys);
        }
        RecordFormat.Opened opened = format.open(record);
        String shardId = shardIds.get(record.partition());
        out.collect(Row.of(
                record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8),
                opened.data(),
                shardId,
                new io.sluice.common.kinesis.SequenceNumber(record.partition(), record.offset()).encode(),
                Instant.ofEpochMilli(record.timestamp())));
    }

    @Override
    public TypeInformation<Row> getProducedType() {
        return Types.ROW_NAMED(COLUMNS, Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE), Types.STRING, Types.STRING, Types.INSTANT);
    }
}
