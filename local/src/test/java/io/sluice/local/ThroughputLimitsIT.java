package io.sluice.local;

import io.sluice.testsupport.AwsClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testsupport.KinesisStreams;
import io.sluice.testsupport.SharedEngines;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Per-shard throughput limits through the gateway with the AWS SDK: on by default, and a second
 * platform started with {@code sluice.streams.throughput.enabled=false} that throttles nothing.
 */
class ThroughputLimitsIT {
    private static SluicePlatform unlimited;

    @AfterAll
    static void stopUnlimited() {
        if (unlimited != null) {
            unlimited.close();
        }
    }

    private static KinesisClient unlimitedKinesis() {
        unlimited = SluicePlatform.start(Platform.settings("sluice_unlimited", Set.of(PlatformService.STREAMS),
                Map.of("sluice.streams.throughput.enabled", "false")));
        return kinesis(URI.create("http://127.0.0.1:" + unlimited.gatewayPort()));
    }

    /** A client that does not retry: the SDK would otherwise retry a throttled call until it passes. */
    private static KinesisClient kinesis(URI endpoint) {
        return AwsClients.kinesis(endpoint, true, c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    private static String oneShardStream(KinesisClient kinesis) {
        String stream = "limits-" + UUID.randomUUID();
        kinesis.createStream(b -> b.streamName(stream).shardCount(1));
        KinesisStreams.awaitActive(kinesis, stream);
        return stream;
    }

    private static List<PutRecordsResultEntry> putSmallRecords(KinesisClient kinesis, String stream, int requests) {
        List<PutRecordsResultEntry> results = new ArrayList<>();
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String("r" + i)).build());
        }
        for (int r = 0; r < requests; r++) {
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            results.addAll(response.records());
        }
        return results;
    }

    private static int throttledReads(KinesisClient kinesis, String stream, int calls) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        int throttled = 0;
        for (int i = 0; i < calls; i++) {
            String at = iterator;
            try {
                iterator = kinesis.getRecords(b -> b.shardIterator(at).limit(10)).nextShardIterator();
            } catch (ProvisionedThroughputExceededException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                throttled++;
            }
        }
        return throttled;
    }

    @Test
    void aWriterOverAThousandRecordsASecondOnOneShardIsThrottledPerRecord() {
        KinesisClient kinesis = kinesis(Platform.endpoint());
        String stream = oneShardStream(kinesis);
        List<PutRecordsResultEntry> results = putSmallRecords(kinesis, stream, 4);
        List<PutRecordsResultEntry> throttled = results.stream().filter(r -> r.errorCode() != null).toList();
        System.out.printf("2,000 records sent at once to one shard: %d written, %d throttled%n",
                results.size() - throttled.size(), throttled.size());
        assertThat(throttled).isNotEmpty().allSatisfy(r -> {
            assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(r.errorMessage()).isEqualTo("Rate exceeded for shard shardId-000000000000 in stream " + stream
                    + " under account 000000000000.");
            assertThat(r.sequenceNumber()).isNull();
        });
        assertThat(results.size() - throttled.size()).as("the first second's allowance is written").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aMebibyteASecondOnOneShardThrottlesPutRecord() {
        KinesisClient kinesis = kinesis(Platform.endpoint());
        String stream = oneShardStream(kinesis);
        SdkBytes large = SdkBytes.fromByteArray(new byte[1_000_000]);
        List<PutRecordsResultEntry> results = kinesis.putRecords(b -> b.streamName(stream).records(
                PutRecordsRequestEntry.builder().partitionKey("a").data(large).build(),
                PutRecordsRequestEntry.builder().partitionKey("b").data(large).build())).records();
        assertThat(results.get(0).errorCode()).isNull();
        assertThat(results.get(1).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName(stream).partitionKey("c").data(large)))
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .hasMessageContaining("Rate exceeded for shard shardId-000000000000");
    }

    @Test
    void readsOverFiveCallsASecondOnOneShardAreThrottled() {
        KinesisClient kinesis = kinesis(Platform.endpoint());
        String stream = oneShardStream(kinesis);
        int throttled = throttledReads(kinesis, stream, 12);
        System.out.printf("12 GetRecords calls at once on one shard: %d throttled%n", throttled);
        assertThat(throttled).isGreaterThan(0);
    }

    @Test
    void withLimitsOffNeitherWritesNorReadsAreThrottled() {
        KinesisClient kinesis = unlimitedKinesis();
        String stream = oneShardStream(kinesis);
        assertThat(putSmallRecords(kinesis, stream, 4)).hasSize(2000).allSatisfy(r -> assertThat(r.errorCode()).isNull());
        assertThat(throttledReads(kinesis, stream, 12)).isZero();
    }
}
