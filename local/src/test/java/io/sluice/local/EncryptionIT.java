package io.sluice.local;

import static io.sluice.local.KinesisErrorsIT.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.KinesisStreams;
import io.sluice.testsupport.SharedEngines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * Encryption at rest: records written while a stream's encryption is on are ciphertext in Kafka
 * (what a Kafka-native reader sees) and read back intact through the Kinesis API, before and after
 * StopStreamEncryption.
 */
class EncryptionIT {

    @Test
    void recordsWrittenWhileEncryptionIsOnAreCiphertextInKafkaAndPlaintextThroughTheApi() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName("sealed").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "sealed");
        assertThat(put(kinesis, "plain-before").encryptionType()).isEqualTo(EncryptionType.NONE);

        kinesis.startStreamEncryption(b -> b.streamName("sealed").encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        StreamDescriptionSummary summary = kinesis.describeStreamSummary(b -> b.streamName("sealed")).streamDescriptionSummary();
        assertThat(summary.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(summary.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(kinesis.describeStream(b -> b.streamName("sealed")).streamDescription().encryptionType()).isEqualTo(EncryptionType.KMS);

        assertThat(put(kinesis, "secret-one").encryptionType()).as("the Encrypted flag of a write").isEqualTo(EncryptionType.KMS);
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).data(SdkBytes.fromUtf8String("secret-batch-" + i)).build());
        }
        var putRecords = kinesis.putRecords(b -> b.streamName("sealed").records(batch));
        assertThat(putRecords.failedRecordCount()).isZero();
        assertThat(putRecords.encryptionType()).isEqualTo(EncryptionType.KMS);

        kinesis.stopStreamEncryption(b -> b.streamName("sealed").encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("sealed")).streamDescriptionSummary().encryptionType())
                .isEqualTo(EncryptionType.NONE);
        assertThat(put(kinesis, "plain-after").encryptionType()).isEqualTo(EncryptionType.NONE);

        // A Kafka-native reader of the shard's partition.
        List<ConsumerRecord<byte[], byte[]>> raw = readPartition(topicOf("sealed"), 103);
        assertThat(raw).hasSize(103);
        assertThat(text(raw.get(0).value())).isEqualTo("plain-before");
        assertThat(text(raw.get(102).value())).isEqualTo("plain-after");
        for (ConsumerRecord<byte[], byte[]> sealed : raw.subList(1, 102)) {
            assertThat(text(sealed.value())).as("what Kafka holds for a record written while encryption was on")
                    .doesNotContain("secret");
            assertThat(sealed.headers().lastHeader("sluice-sealed")).isNotNull();
        }
        assertThat(text(raw.get(5).key())).as("the partition key stays the Kafka key").isEqualTo("key-3");

        String iterator = kinesis.getShardIterator(b -> b.streamName("sealed").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> read = kinesis.getRecords(b -> b.shardIterator(iterator)).records();
        assertThat(read).hasSize(103);
        assertThat(read.get(0).data().asUtf8String()).isEqualTo("plain-before");
        assertThat(read.get(0).encryptionType()).isNull();
        assertThat(read.get(1).data().asUtf8String()).isEqualTo("secret-one");
        assertThat(read.get(1).encryptionType()).isEqualTo(EncryptionType.KMS);
        for (int i = 0; i < 100; i++) {
            assertThat(read.get(2 + i).data().asUtf8String()).isEqualTo("secret-batch-" + i);
            assertThat(read.get(2 + i).partitionKey()).isEqualTo("key-" + i);
        }
        assertThat(read.get(102).data().asUtf8String()).isEqualTo("plain-after");
    }

    @Test
    void encryptionTakesKmsAndAnActiveStream() {
        KinesisClient kinesis = Platform.kinesis();
        assertThat(errorOf(() -> kinesis.startStreamEncryption(b -> b.streamName("no-such-stream")
                .encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis")))).isEqualTo("ResourceNotFoundException");
        kinesis.createStream(b -> b.streamName("sealed-errors").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "sealed-errors");
        assertThat(errorOf(() -> kinesis.startStreamEncryption(b -> b.streamName("sealed-errors")
                .encryptionType(EncryptionType.NONE).keyId("alias/aws/kinesis")))).isEqualTo("InvalidArgumentException");
        assertThat(errorOf(() -> kinesis.startStreamEncryption(b -> b.streamName("sealed-errors")
                .encryptionType(EncryptionType.KMS)))).isEqualTo("ValidationException");
    }

    private static software.amazon.awssdk.services.kinesis.model.PutRecordResponse put(KinesisClient kinesis, String data) {
        return kinesis.putRecord(b -> b.streamName("sealed").partitionKey("key").data(SdkBytes.fromUtf8String(data)));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String topicOf(String stream) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka().bootstrapServers()))) {
            return admin.listTopics().names().get().stream().filter(t -> t.startsWith("kinesis.") && t.contains("." + stream + ".")).findFirst().orElseThrow();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readPartition(String topic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
