package io.sluice.analytics.discovery;

import io.sluice.kafka.RecordFormat;
import io.sluice.kafka.directory.StreamLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Samples a stream straight from its Kafka partitions (every shard's, as the stream directory
 * lists them), opening sealed records with the stream's data keys: from the oldest record kept
 * (TRIM_HORIZON), or from the end, waiting for records to arrive (NOW).
 */
final class KafkaStreamSampler implements StreamSampler {
    private final String bootstrapServers;
    private final Duration waitForNew;

    /** @param waitForNew how long a sample from NOW waits for its first record */
    KafkaStreamSampler(String bootstrapServers, Duration waitForNew) {
        this.bootstrapServers = bootstrapServers;
        this.waitForNew = waitForNew;
    }

    @Override
    public List<byte[]> sample(StreamLocation stream, boolean fromOldest, int max) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, max,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        RecordFormat format = StreamLocation.recordFormat(stream.dataKeys());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = stream.partitions().stream().map(p -> new TopicPartition(stream.topic(), p)).toList();
            consumer.assign(partitions);
            if (fromOldest) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<byte[]> sample = new ArrayList<>();
            long deadline = System.nanoTime() + (fromOldest ? Duration.ofSeconds(5) : waitForNew).toNanos();
            while (sample.size() < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (sample.size() < max) {
                        sample.add(format.open(record).data());
                    }
                }
                if (fromOldest && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    break; // everything kept has been read
                }
                if (!fromOldest && !sample.isEmpty()) {
                    // Records are arriving: what comes within a moment more joins the sample.
                    deadline = Math.min(deadline, System.nanoTime() + Duration.ofMillis(500).toNanos());
                }
            }
            return sample;
        }
    }
}
