package io.sluice.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** What end-to-end tests do with a Kinesis stream through the SDK, whichever platform serves it. */
public final class KinesisStreams {
    private KinesisStreams() {
    }

    /** Waits for a stream to turn ACTIVE, polling faster than the SDK waiter's 10 s. */
    public static void awaitActive(KinesisClient kinesis, String stream) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
                        == StreamStatus.ACTIVE);
    }

    /** The data of every record in a shard so far, from its trim horizon, as UTF-8 text. */
    public static List<String> shardRecords(KinesisClient kinesis, String stream, String shardId) {
        return shardData(kinesis, stream, shardId).stream().map(SdkBytes::asUtf8String).toList();
    }

    /** The data of every record in a shard so far, from its trim horizon. */
    public static List<SdkBytes> shardData(KinesisClient kinesis, String stream, String shardId) {
        List<SdkBytes> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current));
            page.records().forEach(r -> records.add(r.data()));
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return records;
    }
}
