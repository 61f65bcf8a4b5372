package io.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.SharedEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Topic administration and the appender on the real embedded broker. */
class TopicAdminAndAppenderIT {

    @Test
    void aPartitionAddedToATopicTakesAppendsAtOnceEachWithItsOutcome() {
        String bootstrap = SharedEngines.kafka().bootstrapServers();
        String topic = "appender-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                RecordAppender appender = new RecordAppender(RecordAppender.producer(bootstrap, "test"),
                        new TopicAdmin(admin, (short) 1, 1))) {
            TopicAdmin topics = new TopicAdmin(admin, (short) 1, 1);
            topics.create(topic, 1, 24);
            topics.ensurePartitions(topic, 3);
            List<CompletableFuture<RecordMetadata>> outcomes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                outcomes.add(appender.append(new ProducerRecord<>(topic, i % 3, ("k" + i).getBytes(), ("v" + i).getBytes())));
            }
            appender.flush();
            assertThat(outcomes).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(topics.endOffsets(topic, List.of(0, 1, 2))).containsEntry(0, 10L).containsEntry(1, 10L).containsEntry(2, 10L);

            CompletableFuture<RecordMetadata> refused = appender.append(
                    new ProducerRecord<>(topic, 0, "k".getBytes(), new byte[12 * 1024 * 1024]));
            assertThat(refused).failsWithin(Duration.ofSeconds(30));

            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(List.of(new TopicPartition(topic, 2)));
                consumer.seekToBeginning(consumer.assignment());
                List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 10_000;
                while (read.size() < 10 && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                }
                assertThat(read).extracting(r -> new String(r.value())).containsExactly(
                        "v2", "v5", "v8", "v11", "v14", "v17", "v20", "v23", "v26", "v29");
            }
            topics.delete(topic);
            topics.delete(topic);
        }
    }
}
