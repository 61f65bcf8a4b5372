package io.sluice.firehose.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.account.Caller;
import io.sluice.common.error.RetryPolicy;
import io.sluice.firehose.delivery.DeliveryFailures;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.destination.BufferingHints;
import io.sluice.firehose.destination.Destination;
import io.sluice.firehose.destination.ObjectSink;
import io.sluice.firehose.destination.S3Destination;
import io.sluice.firehose.metrics.FirehoseMetrics;
import io.sluice.testsupport.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * The delivery loop's bookkeeping against a failing commit: the records of a partition are written
 * once, under keys that a restart from the committed offset would write again, however long its
 * commits fail.
 */
class PartitionDeliveriesTest {
    private static final TopicPartition PARTITION = new TopicPartition("firehose-logs", 0);

    @TempDir
    Path buffers;

    private final TestClock clock = new TestClock();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final AtomicBoolean commitsFail = new AtomicBoolean();
    private final FailingCommits consumer = new FailingCommits();
    private final AtomicBoolean streamDeleted = new AtomicBoolean();

    @Test
    void aRoundWhoseCommitFailedIsCommittedBeforeThePartitionsNextRoundIsWritten() {
        PartitionDeliveries deliveries = aRoundWrittenWhoseCommitFailed();

        deliveries.onMessage(records(10, 10), consumer);
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            deliveries.deliverDue(consumer);
        }
        // A second object now would hold records that a restart from offset 0 would cut into other rounds.
        assertThat(written).hasSize(1);
        assertThat(consumer.attempts).isGreaterThan(1);

        commitsFail.set(false);
        clock.advance(Duration.ofSeconds(60));
        deliveries.deliverDue(consumer);
        assertThat(consumer.committed(PARTITION).offset()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 2);
        deliveries.deliverDue(consumer);
        assertThat(consumer.committed(PARTITION).offset()).isEqualTo(20);
    }

    @Test
    void aRevokedPartitionTriesItsCommitOnceMoreAndLeavesTheRoundToTheNextOwner() {
        PartitionDeliveries deliveries = aRoundWrittenWhoseCommitFailed();
        deliveries.onMessage(records(10, 5), consumer);

        commitsFail.set(false);
        deliveries.onPartitionsRevokedBeforeCommit(consumer, List.of(PARTITION));
        // The written round is committed on the way out; the round still buffering is delivered and committed too.
        assertThat(consumer.committed(PARTITION).offset()).isEqualTo(15);
        assertThat(written).hasSize(2);
        assertThat(deliveries.roundCount()).isZero();
    }

    @Test
    void aFailingCommitOfADeletedStreamsRoundIsGivenUp() {
        PartitionDeliveries deliveries = aRoundWrittenWhoseCommitFailed();
        int attempts = consumer.attempts;

        streamDeleted.set(true);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            deliveries.deliverDue(consumer);
        }
        // Each attempt may hold the consumer's thread for the commit timeout: none is made for a stream that is gone.
        assertThat(consumer.attempts).isEqualTo(attempts);
    }

    /** Deliveries whose first round (offsets 0-9) is written and whose commit of it failed. */
    private PartitionDeliveries aRoundWrittenWhoseCommitFailed() {
        PartitionDeliveries deliveries = deliveries();
        commitsFail.set(true);
        deliveries.onMessage(records(0, 10), consumer);
        clock.advance(Duration.ofSeconds(61));
        deliveries.deliverDue(consumer);
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 1);
        deliveries.deliverDue(consumer); // the first commit: it fails
        assertThat(consumer.committed(PARTITION)).isNull();
        return deliveries;
    }

    private PartitionDeliveries deliveries() {
        S3Destination s3 = new S3Destination("arn:aws:iam::000000000000:role/firehose", "arn:aws:s3:::bucket", null, null,
                new BufferingHints(1, 60), null, null, null, null, null, null, null, null, null, null);
        Instant now = clock.instant();
        DeliveryStream stream = new DeliveryStream(new Caller("000000000000", "us-east-1"), "logs", "DirectPut", "ACTIVE", 1, now, now,
                new Destination(s3, true), null, Map.of());
        Source source = new Source() {
            @Override
            public Optional<DeliveryStream> streamOf(String topic) {
                return streamDeleted.get() ? Optional.empty() : Optional.of(stream);
            }

            @Override
            public byte[] dataOf(DeliveryStream ignored, ConsumerRecord<byte[], byte[]> record) {
                return record.value();
            }
        };
        ObjectSink sink = (bucket, key, file, contentType) -> written.add(key);
        consumer.assign(List.of(PARTITION));
        return new PartitionDeliveries(source, Mockito.mock(DeliveryFailures.class), null, sink, new FirehoseMetrics(new SimpleMeterRegistry()),
                null, clock, buffers, new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(long from, int count) {
        return LongStream.range(from, from + count)
                .mapToObj(offset -> new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, new byte[0],
                        ("record " + offset + "\n").getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** Kafka's own test consumer, whose commits fail while {@code commitsFail} is set (as during a rebalance of the group). */
    private final class FailingCommits extends MockConsumer<byte[], byte[]> {
        int attempts;

        FailingCommits() {
            super(OffsetResetStrategy.EARLIEST);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            attempts++;
            if (commitsFail.get()) {
                throw new RebalanceInProgressException("The group is rebalancing");
            }
            super.commitSync(offsets, timeout);
        }

        OffsetAndMetadata committed(TopicPartition partition) {
            return committed(java.util.Set.of(partition)).get(partition);
        }
    }
}
