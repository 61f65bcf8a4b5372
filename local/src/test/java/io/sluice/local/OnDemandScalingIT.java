package io.sluice.local;

import io.sluice.testsupport.AwsClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.testsupport.KinesisStreams;
import io.sluice.testsupport.SharedEngines;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * ON_DEMAND streams split a shard whose offered write rate stays above a provisioned shard's limit
 * for the scaling window (3 s here, on a platform of its own; 60 s by default); PROVISIONED streams
 * under the same load keep their shards.
 */
class OnDemandScalingIT {
    private static SluicePlatform platform;

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static KinesisClient kinesis() {
        if (platform == null) {
            platform = SluicePlatform.start(Platform.settings("sluice_on_demand", Set.of(PlatformService.STREAMS), Map.of(
                    "sluice.streams.on-demand.window", "3s",
                    "sluice.streams.on-demand.check-every", "250ms")));
        }
        return AwsClients.kinesis(URI.create("http://127.0.0.1:" + platform.gatewayPort()), true,
                c -> c.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD));
    }

    @Test
    void aShardOverItsLimitForTheWindowIsSplitInTwoOnlyWhenTheStreamIsOnDemand() throws Exception {
        KinesisClient kinesis = kinesis();
        kinesis.createStream(b -> b.streamName("on-demand").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        kinesis.createStream(b -> b.streamName("provisioned").shardCount(4));
        KinesisStreams.awaitActive(kinesis, "on-demand");
        KinesisStreams.awaitActive(kinesis, "provisioned");
        List<Shard> before = kinesis.listShards(b -> b.streamName("on-demand")).shards();
        assertThat(before).hasSize(4);
        Shard hot = before.get(0);

        // About 2,500 records a second offered to one shard (the explicit hash key is in its range):
        // throttled beyond 1,000 a second, and all of it counted as load.
        AtomicLong written = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && kinesis.listShards(b -> b.streamName("on-demand")).shards().size() == 4) {
            for (String stream : List.of("on-demand", "provisioned")) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                            .explicitHashKey(hot.hashKeyRange().startingHashKey()).data(SdkBytes.fromByteArray(new byte[100])).build());
                }
                var response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
                written.addAndGet(entries.size() - response.failedRecordCount());
            }
            Thread.sleep(200);
        }
        KinesisStreams.awaitActive(kinesis, "on-demand");

        List<Shard> after = kinesis.listShards(b -> b.streamName("on-demand")).shards();
        assertThat(after).as("the hot shard and its two children").hasSize(6);
        List<Shard> children = after.stream().filter(s -> hot.shardId().equals(s.parentShardId())).toList();
        assertThat(children).hasSize(2);
        java.math.BigInteger start = new java.math.BigInteger(hot.hashKeyRange().startingHashKey());
        java.math.BigInteger end = new java.math.BigInteger(hot.hashKeyRange().endingHashKey());
        java.math.BigInteger middle = start.add(end.subtract(start).add(java.math.BigInteger.ONE).shiftRight(1));
        assertThat(children.get(0).hashKeyRange().startingHashKey()).isEqualTo(start.toString());
        assertThat(children.get(0).hashKeyRange().endingHashKey()).isEqualTo(middle.subtract(java.math.BigInteger.ONE).toString());
        assertThat(children.get(1).hashKeyRange().startingHashKey()).isEqualTo(middle.toString());
        assertThat(children.get(1).hashKeyRange().endingHashKey()).isEqualTo(end.toString());
        assertThat(after.stream().filter(s -> s.parentShardId() == null).map(Shard::shardId))
                .as("the other shards are left alone").containsExactlyInAnyOrderElementsOf(before.stream().map(Shard::shardId).toList());
        assertThat(kinesis.listShards(b -> b.streamName("provisioned")).shards()).as("a PROVISIONED stream under the same load")
                .hasSize(4);
        System.out.printf("ON_DEMAND split after %,d records written to the hot shard%n", written.get() / 2);
    }
}
