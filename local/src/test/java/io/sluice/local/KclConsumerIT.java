package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.testsupport.KinesisStreams;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * A real KCL 3 application (leases in DynamoDB Local, in-process; metrics off) consumes a stream
 * through the Sluice gateway, with polling and with enhanced fan-out retrieval, across a shard split:
 * every record is processed exactly once, and no child shard's record before its parent has ended.
 */
class KclConsumerIT {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static DynamoDbLocal dynamo;
    private static URI dynamoEndpoint;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        dynamo = DynamoDbLocal.start();
        dynamoEndpoint = dynamo.endpoint();
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        if (dynamo != null) {
            dynamo.close();
        }
    }

    /** What the application's record processors saw. */
    private static final class Processed {
        final Map<String, AtomicInteger> timesBySequence = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final Set<String> endedShards = ConcurrentHashMap.newKeySet();
        final AtomicInteger total = new AtomicInteger();
    }

    private static final class Processor implements ShardRecordProcessor {
        private final Processed processed;
        private String shardId;

        Processor(Processed processed) {
            this.processed = processed;
        }

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord record : input.records()) {
                processed.timesBySequence.computeIfAbsent(record.sequenceNumber(), s -> new AtomicInteger()).incrementAndGet();
                processed.events.add(shardId + " " + record.partitionKey());
                processed.total.incrementAndGet();
            }
            KclCheckpoints.checkpoint(input.checkpointer());
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            processed.endedShards.add(shardId);
            processed.events.add(shardId + " ended");
            KclCheckpoints.checkpoint(input.checkpointer());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                // Shutting down: the last checkpoint stays.
            }
        }
    }

    @ParameterizedTest(name = "fanOut={0}")
    @ValueSource(booleans = {false, true})
    void aKclApplicationProcessesEveryRecordOnceAcrossASplit(boolean fanOut) throws Exception {
        String stream = fanOut ? "kcl-fan-out" : "kcl-polling";
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName(stream).shardCount(1));
        KinesisStreams.awaitActive(kinesis, stream);
        List<String> written = new ArrayList<>(write(kinesis, stream, "before", 200));

        Processed processed = new Processed();
        KinesisAsyncClient kinesisAsync = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(Platform.endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS));
        DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder()
                .endpointOverride(dynamoEndpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(stream, InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                "app-" + stream, kinesisAsync, dynamoDb, cloudWatch, "worker-1", () -> new Processor(processed));
        var retrieval = configs.retrievalConfig();
        if (!fanOut) {
            retrieval.retrievalSpecificConfig(new PollingConfig(stream, kinesisAsync).idleTimeBetweenReadsInMillis(250));
        }
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                configs.leaseManagementConfig().failoverTimeMillis(2_000).shardSyncIntervalMillis(1_000),
                configs.lifecycleConfig(),
                configs.metricsConfig().metricsFactory(new NullMetricsFactory()),
                configs.processorConfig(),
                retrieval);
        Thread worker = new Thread(scheduler, "kcl-" + stream);
        worker.setDaemon(true);
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> processed.total.get() >= 200);

            kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
                    .newStartingHashKey("170141183460469231731687303715884105728"));
            KinesisStreams.awaitActive(kinesis, stream);
            written.addAll(write(kinesis, stream, "after", 200));

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> processed.timesBySequence.keySet().containsAll(written));
            Thread.sleep(1_000); // anything processed twice would show now
        } finally {
            scheduler.startGracefulShutdown().get(30, TimeUnit.SECONDS);
            kinesisAsync.close();
            dynamoDb.close();
            cloudWatch.close();
        }

        assertThat(processed.timesBySequence).hasSize(400);
        assertThat(processed.timesBySequence.values()).allSatisfy(times -> assertThat(times.get()).as("times processed").isEqualTo(1));
        assertThat(processed.endedShards).as("the parent reached its end and was checkpointed there").contains("shardId-000000000000");
        int parentEnded = processed.events.indexOf("shardId-000000000000 ended");
        for (int i = 0; i < processed.events.size(); i++) {
            String event = processed.events.get(i);
            if (event.startsWith("shardId-000000000001") || event.startsWith("shardId-000000000002")) {
                assertThat(i).as("a child's record after the parent ended: " + event).isGreaterThan(parentEnded);
            }
        }
        System.out.printf("KCL 3 (%s): %d records processed once each, %d events%n",
                fanOut ? "fan-out" : "polling", processed.timesBySequence.size(), processed.events.size());
    }

    private static List<String> write(KinesisClient kinesis, String stream, String prefix, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey(prefix + "-" + i)
                    .data(SdkBytes.fromUtf8String(prefix + " record " + i)).build());
        }
        var response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
        assertThat(response.failedRecordCount()).isZero();
        return response.records().stream().map(r -> r.sequenceNumber()).toList();
    }
}
