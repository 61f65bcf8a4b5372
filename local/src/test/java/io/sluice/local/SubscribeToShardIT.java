package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.testsupport.KinesisStreams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Enhanced fan-out with the SDK's KinesisAsyncClient over HTTP/2 through the gateway: records pushed
 * as they are written, in order, a catch-up from the trim horizon, the hand-over to child shards at
 * the end of a closed shard, one subscription per consumer and shard, and the 5-minute end.
 */
class SubscribeToShardIT {

    /** The events of one subscription as they arrive, each with the time it arrived. */
    private static final class Events {
        record Arrival(SubscribeToShardEvent event, long nanos) {
        }

        final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> done;

        Events(KinesisAsyncClient client, String consumerArn, String shardId, StartingPosition position) {
            SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                    .subscriber(e -> {
                        if (e instanceof SubscribeToShardEvent event) {
                            arrivals.add(new Arrival(event, System.nanoTime()));
                        }
                    })
                    .build();
            done = client.subscribeToShard(b -> b.consumerARN(consumerArn).shardId(shardId).startingPosition(position), handler);
        }

        Arrival next() throws InterruptedException {
            Arrival arrival = arrivals.poll(20, TimeUnit.SECONDS);
            assertThat(arrival).as("an event within 20 s").isNotNull();
            return arrival;
        }

        /** Collects the records of the events until {@code count} have arrived. */
        List<Record> records(int count) throws InterruptedException {
            List<Record> records = new ArrayList<>();
            while (records.size() < count) {
                records.addAll(next().event().records());
            }
            return records;
        }
    }

    private static String consumer(KinesisClient kinesis, String stream, int shards) {
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
        KinesisStreams.awaitActive(kinesis, stream);
        String streamArn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
        String arn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("fan-out")).consumer().consumerARN();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> kinesis.describeStreamConsumer(
                b -> b.consumerARN(arn)).consumerDescription().consumerStatus() == ConsumerStatus.ACTIVE);
        return arn;
    }

    private static StartingPosition at(ShardIteratorType type) {
        return StartingPosition.builder().type(type).build();
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void recordsWrittenAfterSubscribingArrivePushedInOrder(boolean cbor) throws Exception {
        String stream = "pushed-" + cbor;
        KinesisClient kinesis = Platform.kinesis(cbor, new java.util.concurrent.CopyOnWriteArrayList<>());
        String consumerArn = consumer(kinesis, stream, 1);
        try (KinesisAsyncClient async = Platform.kinesisAsync(cbor)) {
            long subscribedAt = System.nanoTime();
            Events events = new Events(async, consumerArn, "shardId-000000000000", at(ShardIteratorType.LATEST));
            SubscribeToShardEvent first = events.next().event();
            assertThat(first.records()).as("nothing written yet").isEmpty();
            assertThat(first.continuationSequenceNumber()).as("a position even before any record").isNotNull();
            assertThat(errorOf(new Events(async, consumerArn, "shardId-000000000000", at(ShardIteratorType.LATEST)).done))
                    .as("a second subscription of the consumer to the shard within 5 s").isEqualTo("ResourceInUseException");

            int count = 300;
            long[] latencies = new long[count];
            List<String> written = new ArrayList<>();
            List<Record> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] data = ("event-" + i).getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                written.add(kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromByteArray(data)))
                        .sequenceNumber());
                while (received.size() <= i) {
                    Events.Arrival arrival = events.next();
                    received.addAll(arrival.event().records());
                    if (received.size() > i) {
                        latencies[i] = arrival.nanos() - start;
                    }
                }
            }
            assertThat(received).extracting(Record::sequenceNumber).containsExactlyElementsOf(written);
            assertThat(received).extracting(r -> r.data().asUtf8String())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).mapToObj(i -> "event-" + i).toList());
            Arrays.sort(latencies);
            System.out.printf("SubscribeToShard put->event latency (cbor=%s, %d records, PutRecord then wait): "
                    + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", cbor, count,
                    latencies[count / 2] / 1e6, latencies[count * 99 / 100] / 1e6, latencies[count - 1] / 1e6);

            assertThat(events.done).as("a subscription lasts 5 minutes").isNotDone();

            // 5 s after it started, a new subscription takes the consumer's place on the shard over.
            Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(5) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - subscribedAt)) + 100);
            StartingPosition after = StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .sequenceNumber(written.get(count - 2)).build();
            Events takeover = new Events(async, consumerArn, "shardId-000000000000", after);
            assertThat(takeover.records(1)).extracting(Record::sequenceNumber).containsExactly(written.get(count - 1));
            assertThat(errorOf(events.done)).as("the subscription taken over").isEqualTo("ResourceInUseException");
        }
    }

    @Test
    void aSubscriberFromTheTrimHorizonCatchesUpThenFollowsAndContinuesWhereItStopped() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        String consumerArn = consumer(kinesis, "catch-up", 1);
        // 5,000 records of 1 KiB, more than a shard takes in a second: throttled ones are sent again.
        List<String> written = new ArrayList<>();
        while (written.size() < 5000) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < Math.min(500, 5000 - written.size()); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                        .data(SdkBytes.fromByteArray(new byte[1024])).build());
            }
            kinesis.putRecords(b -> b.streamName("catch-up").records(entries)).records().stream()
                    .filter(r -> r.errorCode() == null).forEach(r -> written.add(r.sequenceNumber()));
            Thread.sleep(100);
        }
        written.sort(java.util.Comparator.comparing(java.math.BigInteger::new));
        try (KinesisAsyncClient async = Platform.kinesisAsync(true)) {
            Events events = new Events(async, consumerArn, "shardId-000000000000", at(ShardIteratorType.TRIM_HORIZON));
            List<Record> received = events.records(written.size());
            assertThat(received).extracting(Record::sequenceNumber).containsExactlyElementsOf(written);

            String more = kinesis.putRecord(b -> b.streamName("catch-up").partitionKey("k").data(SdkBytes.fromUtf8String("more")))
                    .sequenceNumber();
            SubscribeToShardEvent next = events.next().event();
            while (next.records().isEmpty()) {
                next = events.next().event();
            }
            assertThat(next.records()).extracting(Record::sequenceNumber).containsExactly(more);
            assertThat(next.continuationSequenceNumber()).isEqualTo(more);
            assertThat(next.millisBehindLatest()).isZero();

            // Five minutes on, the subscription ends; the next one continues after the continuation number.
            Platform.CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
            events.done.get(10, TimeUnit.SECONDS);
            String after = kinesis.putRecord(b -> b.streamName("catch-up").partitionKey("k").data(SdkBytes.fromUtf8String("after")))
                    .sequenceNumber();
            StartingPosition continuation = StartingPosition.builder()
                    .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(next.continuationSequenceNumber()).build();
            Events resumed = new Events(async, consumerArn, "shardId-000000000000", continuation);
            assertThat(resumed.records(1)).extracting(Record::sequenceNumber).containsExactly(after);
        }
    }

    @Test
    void theLastEventOfAClosedShardNamesItsChildrenAndEndsTheStream() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        String consumerArn = consumer(kinesis, "fan-out-split", 1);
        String before = kinesis.putRecord(b -> b.streamName("fan-out-split").partitionKey("k").data(SdkBytes.fromUtf8String("x")))
                .sequenceNumber();
        try (KinesisAsyncClient async = Platform.kinesisAsync(true)) {
            Events events = new Events(async, consumerArn, "shardId-000000000000", at(ShardIteratorType.TRIM_HORIZON));
            assertThat(events.records(1)).extracting(Record::sequenceNumber).containsExactly(before);
            kinesis.splitShard(b -> b.streamName("fan-out-split").shardToSplit("shardId-000000000000")
                    .newStartingHashKey("170141183460469231731687303715884105728"));

            SubscribeToShardEvent last = events.next().event();
            while (last.childShards().isEmpty()) {
                assertThat(last.records()).isEmpty();
                last = events.next().event();
            }
            assertThat(last.continuationSequenceNumber()).as("the end of the shard").isNull();
            assertThat(last.childShards()).extracting(c -> c.shardId())
                    .containsExactly("shardId-000000000001", "shardId-000000000002");
            assertThat(last.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
            events.done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStreamsServiceShuttingDownEndsItsSubscriptionsInsteadOfWaitingForThem() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        String consumerArn = consumer(kinesis, "fan-out-restart", 1);
        try (KinesisAsyncClient async = Platform.kinesisAsync(true)) {
            Events events = new Events(async, consumerArn, "shardId-000000000000", at(ShardIteratorType.LATEST));
            events.next();
            long started = System.nanoTime();
            Platform.get().restart(PlatformService.STREAMS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // Ended normally: not cut off when a graceful shutdown gives up on the open response after 30 s.
            events.done.get(10, TimeUnit.SECONDS);
            System.out.printf("streams-service restarted in %d ms with a subscription open%n", tookMillis);
        }
    }

    @Test
    void subscriptionsNeedAnActiveConsumerAndAnExistingShard() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        String consumerArn = consumer(kinesis, "fan-out-errors", 1);
        String streamArn = consumerArn.substring(0, consumerArn.indexOf("/consumer/"));
        try (KinesisAsyncClient async = Platform.kinesisAsync(true)) {
            assertThat(errorOf(new Events(async, consumerArn, "shardId-000000000009", at(ShardIteratorType.LATEST)).done))
                    .isEqualTo("ResourceNotFoundException");
            String creating = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("not-yet")).consumer().consumerARN();
            assertThat(errorOf(new Events(async, creating, "shardId-000000000000", at(ShardIteratorType.LATEST)).done))
                    .isEqualTo("ResourceInUseException");
            assertThat(errorOf(new Events(async, consumerArn, "shardId-000000000000",
                    StartingPosition.builder().type(ShardIteratorType.AT_SEQUENCE_NUMBER).build()).done))
                    .isEqualTo("InvalidArgumentException");
        }
    }

    private static String errorOf(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(KinesisException.class);
            return ((KinesisException) e.getCause()).awsErrorDetails().errorCode();
        }
        throw new AssertionError("the subscription was expected to fail");
    }
}
