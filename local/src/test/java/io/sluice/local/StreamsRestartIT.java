package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.KinesisStreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Durability across a restart of the streams service (Kafka and PostgreSQL keep running): every
 * record acknowledged before the restart is readable after it, with the same sequence number, and
 * an iterator handed out before the restart still works after it.
 */
class StreamsRestartIT {

    @Test
    void acknowledgedRecordsSurviveARestartOfTheStreamsService() {
        Map<String, String> acknowledged = new HashMap<>();
        String iteratorBefore;
        try (KinesisClient kinesis = Platform.kinesis()) {
            kinesis.createStream(b -> b.streamName("durable").shardCount(2));
            KinesisStreams.awaitActive(kinesis, "durable");
            for (int batch = 0; batch < 3; batch++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + batch + "-" + i)
                            .data(SdkBytes.fromUtf8String("value-" + batch + "-" + i)).build());
                }
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName("durable").records(entries));
                for (int i = 0; i < entries.size(); i++) {
                    if (response.records().get(i).errorCode() == null) {
                        acknowledged.put(response.records().get(i).sequenceNumber(), entries.get(i).data().asUtf8String());
                    }
                }
            }
            iteratorBefore = kinesis.getShardIterator(b -> b.streamName("durable").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        }
        assertThat(acknowledged).hasSize(300);

        Platform.get().restart(PlatformService.STREAMS);

        try (KinesisClient kinesis = Platform.kinesis()) {
            Map<String, String> read = new HashMap<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName("durable")).shards()) {
                for (Record record : KinesisDataPlaneIT.readAll(kinesis, "durable", shard.shardId())) {
                    read.put(record.sequenceNumber(), record.data().asUtf8String());
                }
            }
            assertThat(read).isEqualTo(acknowledged);
            assertThat(kinesis.getRecords(b -> b.shardIterator(iteratorBefore)).records()).isNotEmpty();
        }
    }
}
