package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.flink.FlinkSql;
import io.sluice.common.account.Caller;
import io.sluice.kafka.directory.HttpStreamDirectory;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import io.sluice.testsupport.KinesisStreams;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Another service reads a Sluice stream as Kinesis would, through the stream directory: a Flink SQL
 * job on the MiniCluster counts the records of a stream written in plaintext, then sealed
 * (encryption at rest), then across a shard split — every acknowledged record once, sealed ones
 * opened, each with the shard and sequence number the Kinesis API gave it.
 */
class StreamDirectoryFlinkIT {
    private static final String STREAM = "directory-flink";

    @Test
    void aFlinkSqlJobCountsAStreamsRecordsFoundThroughTheDirectory() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
        KinesisStreams.awaitActive(kinesis, STREAM);
        List<String> sequenceNumbers = new ArrayList<>();
        sequenceNumbers.addAll(put(kinesis, "plain", 300));
        kinesis.startStreamEncryption(b -> b.streamName(STREAM).encryptionType("KMS").keyId("alias/sluice"));
        Thread.sleep(1_500); // the metadata cache TTL: every writer seals from here on
        sequenceNumbers.addAll(put(kinesis, "sealed", 200));
        kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000000")
                .newStartingHashKey("85070591730234615865843651857942052864"));
        KinesisStreams.awaitActive(kinesis, STREAM);
        sequenceNumbers.addAll(put(kinesis, "child", 100));

        SluicePlatform platform = Platform.get();
        StreamDirectory directory = new HttpStreamDirectory(URI.create("http://127.0.0.1:" + platform.port(PlatformService.STREAMS)));
        StreamLocation location = directory.locate(new Caller("000000000000", "us-east-1"), STREAM).orElseThrow();
        assertThat(location.topic()).startsWith("kinesis.000000000000.us-east-1." + STREAM + ".");
        assertThat(location.shards()).hasSize(4);
        assertThat(location.shards().get(0).open()).isFalse();
        assertThat(location.shards().get(2).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(location.dataKeys()).hasSize(1);
        assertThat(directory.locate(new Caller("000000000000", "us-east-1"), "no-such-stream")).isEmpty();

        FlinkSql sql = new FlinkSql(Platform.FLINK::restAddress, Platform.kafkaBootstrapServers());
        List<Row> rows = sql.query(Map.of("records", location), """
                SELECT COUNT(*) AS n,
                       COUNT(DISTINCT sequenceNumber) AS distinctSequenceNumbers,
                       SUM(CASE WHEN CAST(data AS STRING) LIKE 'sealed-%' THEN 1 ELSE 0 END) AS sealed,
                       SUM(CASE WHEN CAST(data AS STRING) LIKE 'child-%' AND shardId <> 'shardId-000000000000' THEN 1 ELSE 0 END) AS inChildren
                FROM records""");
        assertThat(rows).hasSize(1);
        Row totals = rows.get(0);
        assertThat(((Number) totals.getField("n")).longValue()).isEqualTo(600);
        assertThat(((Number) totals.getField("distinctSequenceNumbers")).longValue()).isEqualTo(600);
        assertThat(((Number) totals.getField("sealed")).longValue()).isEqualTo(200);
        assertThat(((Number) totals.getField("inChildren")).longValue()).isEqualTo(100);

        List<Row> bySequence = sql.query(Map.of("records", location), "SELECT sequenceNumber FROM records");
        assertThat(bySequence).extracting(r -> (String) r.getField(0)).containsExactlyInAnyOrderElementsOf(sequenceNumbers);
    }

    private static List<String> put(KinesisClient kinesis, String prefix, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey(prefix + "-key-" + i)
                    .data(SdkBytes.fromUtf8String(prefix + "-" + i)).build());
        }
        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(STREAM).records(entries));
        assertThat(response.failedRecordCount()).isZero();
        return response.records().stream().map(r -> r.sequenceNumber()).toList();
    }
}
