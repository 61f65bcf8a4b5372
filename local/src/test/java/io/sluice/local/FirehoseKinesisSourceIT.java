package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * KinesisStreamAsSource: records put through the Kinesis API reach S3 through a Firehose stream
 * that reads the stream's partitions directly, from its creation on (earlier records stay behind),
 * across a shard split, and from an encrypted stream too; the Firehose stream refuses puts of its own.
 */
class FirehoseKinesisSourceIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static List<String> put(KinesisClient kinesis, String stream, String prefix, int count) {
        List<String> lines = new ArrayList<>();
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = prefix + "-" + i;
            lines.add(line);
            entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % 17)).data(SdkBytes.fromUtf8String(line + "\n")).build());
        }
        assertThat(kinesis.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount()).isZero();
        return lines;
    }

    private static DeliveryStreamDescription describe(FirehoseClient firehose, String name) {
        return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
    }

    @Test
    void recordsPutThroughKinesisReachS3AcrossASplitAndFromAnEncryptedStream() {
        String stream = "source-clicks";
        String name = "from-kinesis";
        // The services' clock ahead of the brokers' (as other tests of this JVM leave it): where reading starts holds anyway.
        Platform.CLOCK.advance(Duration.ofMinutes(10));
        try (KinesisClient kinesis = Platform.kinesis(); FirehoseClient firehose = AwsClients.firehose(Platform.endpoint());
                Lake lake = new Lake()) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(2));
            KinesisStreams.awaitActive(kinesis, stream);
            List<String> before = put(kinesis, stream, "before", 50);
            lake.createBucket(name);
            String streamArn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
            firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(s -> s.kinesisStreamARN(streamArn).roleARN(ROLE))
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + name)
                            .bufferingHints(h -> h.intervalInSeconds(0))));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> describe(firehose, name).deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
            DeliveryStreamDescription description = describe(firehose, name);
            assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE);
            assertThat(description.source().kinesisStreamSourceDescription().kinesisStreamARN()).isEqualTo(streamArn);
            assertThat(description.source().kinesisStreamSourceDescription().deliveryStartTimestamp()).isNotNull();
            assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName(name)
                    .record(r -> r.data(SdkBytes.fromUtf8String("x")))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("This operation is not permitted on KinesisStreamAsSource delivery stream type.");

            List<String> expected = new ArrayList<>(put(kinesis, stream, "first", 300));
            kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
                    .newStartingHashKey("85070591730234615865843651857942052864"));
            KinesisStreams.awaitActive(kinesis, stream);
            expected.addAll(put(kinesis, stream, "after-split", 300));
            kinesis.startStreamEncryption(b -> b.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
            KinesisStreams.awaitActive(kinesis, stream);
            expected.addAll(put(kinesis, stream, "sealed", 200));

            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(lake.lines(name, "")).containsExactlyInAnyOrderElementsOf(expected));
            assertThat(lake.lines(name, "")).doesNotContainAnyElementsOf(before);
        }
    }
}
