package io.sluice.analytics.flink;

import io.sluice.kafka.RecordFormat;
import io.sluice.kafka.directory.StreamLocation;
import java.util.HashMap;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The data of a Sluice stream's records and nothing else (sealed records opened with the stream's
 * data keys): what an application's input decodes, without the shard, sequence number and partition
 * key that {@link StreamRecordDeserializer} builds for each record.
 */
public final class StreamDataDeserializer implements KafkaRecordDeserializationSchema<byte[]> {
    private static final long serialVersionUID = 1L;

    private final HashMap<Long, String> dataKeys;
    private transient RecordFormat format;

    public StreamDataDeserializer(StreamLocation location) {
        this.dataKeys = new HashMap<>(location.dataKeys());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
        if (dataKeys.isEmpty() || RecordFormat.dataKeyId(record).isEmpty()) {
            out.collect(record.value());
            return;
        }
        if (format == null) {
            format = StreamLocation.recordFormat(dataKeys);
        }
        out.collect(format.open(record).data());
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
}
