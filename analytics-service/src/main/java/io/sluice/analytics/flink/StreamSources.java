package io.sluice.analytics.flink;

import io.sluice.kafka.directory.StreamLocation;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Row;
import org.apache.kafka.common.TopicPartition;

/**
 * Flink sources over Sluice streams, found through the stream directory: every shard's partition,
 * open and closed, from the trim horizon, each record opened and given its shard and sequence number.
 */
public final class StreamSources {
    private StreamSources() {
    }

    /**
     * A source of the stream's records.
     *
     * @param bounded read to the end each partition has when the job starts (a count, a backfill),
     *     or keep reading new records
     */
    public static KafkaSource<Row> of(StreamLocation location, String bootstrapServers, String groupId, boolean bounded) {
        return of(location, bootstrapServers, groupId, bounded, OffsetsInitializer.earliest());
    }

    /**
     * A source of the stream's records from {@code start} (earliest: the trim horizon; latest: what
     * arrives from now on), unless the job restores its offsets from a savepoint.
     */
    public static KafkaSource<Row> of(StreamLocation location, String bootstrapServers, String groupId, boolean bounded,
            OffsetsInitializer start) {
        return source(location, bootstrapServers, groupId, bounded, start, new StreamRecordDeserializer(location));
    }

    /** A source of the data of the stream's records (opened), from {@code start} unless the job restores its offsets. */
    public static KafkaSource<byte[]> data(StreamLocation location, String bootstrapServers, String groupId, OffsetsInitializer start) {
        return source(location, bootstrapServers, groupId, false, start, new StreamDataDeserializer(location));
    }

    private static <T> KafkaSource<T> source(StreamLocation location, String bootstrapServers, String groupId, boolean bounded,
            OffsetsInitializer start, KafkaRecordDeserializationSchema<T> deserializer) {
        Set<TopicPartition> partitions = location.partitions().stream()
                .map(p -> new TopicPartition(location.topic(), p))
                .collect(Collectors.toSet());
        var builder = KafkaSource.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setPartitions(partitions)
                .setGroupId(groupId)
                .setStartingOffsets(start)
                .setDeserializer(deserializer);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
