package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.KinesisStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The streams' CloudWatch metrics, as Prometheus scrapes them from the streams service while the
 * SDK's KinesisClient works through the gateway: stream-level ones always, shard-level ones for
 * what EnableEnhancedMonitoring turned on, each counting what the API answered.
 */
class StreamMetricsIT {

    @Test
    void putsReadsAndThrottlingAreCountedPerStreamAndPerShardWhenEnhancedMonitoringIsOn() throws Exception {
        String name = "metered";
        String stream = "StreamName=\"" + name + "\"";
        try (KinesisClient kinesis = Platform.kinesis()) {
            kinesis.createStream(b -> b.streamName(name).shardCount(2));
            KinesisStreams.awaitActive(kinesis, name);
            kinesis.enableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.INCOMING_RECORDS, MetricsName.OUTGOING_BYTES));

            // Six batches of 500 at once on two shards: over their 2,000 records a second, some are throttled.
            int written = 0;
            int throttled = 0;
            long bytes = 0;
            for (int batch = 0; batch < 6; batch++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + batch + "-" + i)
                            .data(SdkBytes.fromUtf8String("record-" + i)).build());
                }
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(name).records(entries));
                for (int i = 0; i < 500; i++) {
                    if (response.records().get(i).errorCode() == null) {
                        written++;
                        bytes += entries.get(i).partitionKey().length() + entries.get(i).data().asByteArray().length;
                    } else {
                        throttled++;
                    }
                }
            }
            assertThat(throttled).as("records over the shards' rate").isPositive();
            kinesis.putRecord(b -> b.streamName(name).partitionKey("single").data(SdkBytes.fromUtf8String("one")));

            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_IncomingRecords_total", stream)).isEqualTo(written + 1.0);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_IncomingBytes_total", stream)).isEqualTo(bytes + "single".length() + 3.0);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_PutRecords_TotalRecords_total", stream)).isEqualTo(3000.0);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_PutRecords_SuccessfulRecords_total", stream)).isEqualTo((double) written);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_PutRecords_ThrottledRecords_total", stream)).isEqualTo((double) throttled);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_WriteProvisionedThroughputExceeded_total", stream))
                    .isEqualTo((double) throttled);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_PutRecords_Latency_seconds_count", stream)).isEqualTo(6.0);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_PutRecord_Success_sum", stream)).isEqualTo(1.0);
            // Shard level: the metrics turned on, one series per shard, adding up to the stream's.
            assertThat(Metrics.series(PlatformService.STREAMS, "kinesis_shard_IncomingRecords_total", stream)).isEqualTo(2);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_shard_IncomingRecords_total", stream)).isEqualTo(written + 1.0);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_shard_IncomingBytes_total", stream)).isNull();

            int read = 0;
            for (Shard shard : kinesis.listShards(b -> b.streamName(name)).shards()) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(name).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                read += kinesis.getRecords(b -> b.shardIterator(iterator)).records().size();
            }
            assertThat(read).isEqualTo(written + 1);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_GetRecords_Records_sum", stream)).isEqualTo((double) read);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_GetRecords_Success_count", stream)).isEqualTo(2.0);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_GetRecords_IteratorAgeMilliseconds_max", stream)).isGreaterThanOrEqualTo(0.0);
            assertThat(Metrics.sum(PlatformService.STREAMS, "kinesis_shard_OutgoingBytes_total", stream))
                    .isEqualTo(Metrics.sum(PlatformService.STREAMS, "kinesis_GetRecords_Bytes_sum", stream));

            // Off again: the shard-level series go; a deleted stream's series go too.
            kinesis.disableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.ALL));
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                kinesis.putRecord(b -> b.streamName(name).partitionKey("after").data(SdkBytes.fromUtf8String("two")));
                assertThat(Metrics.series(PlatformService.STREAMS, "kinesis_shard_IncomingRecords_total", stream)).isZero();
            });
            kinesis.deleteStream(b -> b.streamName(name));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(Metrics.series(PlatformService.STREAMS, "kinesis_IncomingRecords_total", stream)).isZero());
        }
    }
}
