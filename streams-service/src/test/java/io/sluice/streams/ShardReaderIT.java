package io.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.shard.ShardReader;
import io.sluice.testsupport.SharedEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The reader pool on a real broker: readers following their shards keep their consumers in place. */
class ShardReaderIT {

    @Test
    void readersFollowingTwoShardsNeedNoSeekAfterTheFirstRead() throws Exception {
        String bootstrap = SharedEngines.kafka().bootstrapServers();
        String topic = "reader-affinity";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, new byte[] {(byte) i}));
            }
            producer.flush();
        }
        try (ShardReader reader = new ShardReader(properties(bootstrap))) {
            long[] next = {0, 0};
            int read = 0;
            for (int round = 0; round < 10; round++) {
                for (int partition = 0; partition < 2; partition++) {
                    ShardReader.Batch batch = reader.read(topic, partition, next[partition], Long.MAX_VALUE, 5, 1 << 20);
                    assertThat(batch.records()).hasSize(5);
                    assertThat(batch.records().get(0).offset()).isEqualTo(next[partition]);
                    next[partition] = batch.nextOffset();
                    read += batch.records().size();
                }
            }
            assertThat(read).isEqualTo(100);
            assertThat(reader.seeks()).as("one seek per shard, on its first read").isEqualTo(2);
        }
    }

    @Test
    void recordsFetchedBeyondAReadServeTheNextReadsWithoutAskingTheBroker() throws Exception {
        String bootstrap = SharedEngines.kafka().bootstrapServers();
        String topic = createTopic(bootstrap, "reader-pending");
        produce(bootstrap, topic, 200, 1024);
        try (ShardReader reader = new ShardReader(properties(bootstrap))) {
            long next = 0;
            List<Long> sizes = new ArrayList<>();
            while (next < 200) {
                // 3 KiB a read: three records of 1 KiB fit, the fourth would pass it.
                ShardReader.Batch batch = reader.read(topic, 0, next, Long.MAX_VALUE, 10_000, 3 * 1024);
                assertThat(batch.records()).isNotEmpty();
                assertThat(batch.records().get(0).offset()).isEqualTo(next);
                assertThat(batch.endOffset()).as("the end the fetch reported").isEqualTo(200);
                sizes.add((long) batch.records().size());
                next = batch.nextOffset();
            }
            assertThat(sizes).as("records per read").allMatch(n -> n == 3 || n == 200 % 3);
            assertThat(reader.seeks()).isEqualTo(1);
            assertThat(reader.endOffsetRequests()).as("the broker asked for the end with nothing at hand, of %s reads", sizes.size())
                    .isLessThanOrEqualTo(3);

            // At the tip: empty at once; a record written then is read by the next call.
            long started = System.nanoTime();
            assertThat(reader.read(topic, 0, next, Long.MAX_VALUE, 10, 1 << 20).records()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            produce(bootstrap, topic, 1, 10);
            ShardReader.Batch tail = reader.read(topic, 0, next, Long.MAX_VALUE, 10, 1 << 20);
            assertThat(tail.records()).extracting(r -> r.offset()).containsExactly(200L);

            // A closed shard's ending offset bounds a read, wherever its records came from.
            ShardReader.Batch bounded = reader.read(topic, 0, 10, 15, 10_000, 1 << 20);
            assertThat(bounded.records()).extracting(r -> r.offset()).containsExactly(10L, 11L, 12L, 13L, 14L);
            assertThat(bounded.nextOffset()).isEqualTo(15);
            assertThat(reader.read(topic, 0, 15, 15, 10_000, 1 << 20).records()).isEmpty();
        }
    }

    private static String createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static void produce(String bootstrap, String topic, int count, int bytes) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[bytes]));
            }
            producer.flush();
        }
    }

    private static StreamsProperties properties(String bootstrap) {
        return new StreamsProperties("000000000000", "us-east-1",
                new StreamsProperties.Kafka(bootstrap, (short) 1, 1, 2),
                new StreamsProperties.Limits(1 << 20, 5 << 20, 10 << 20, Duration.ofMinutes(5), 500, 4, 50, 24),
                Duration.ofSeconds(1),
                new StreamsProperties.Throughput(true, 1.0, 1 << 20, 1000, 2 << 20, 5), Duration.ofMillis(500),
                new StreamsProperties.Subscriptions(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20, 2),
                new StreamsProperties.Encryption(null),
                new StreamsProperties.OnDemand(true, Duration.ofSeconds(60), Duration.ofSeconds(5)));
    }
}
