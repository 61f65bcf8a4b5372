package io.sluice.local;

import static io.sluice.local.KinesisErrorsIT.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.KinesisStreams;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * SplitShard and MergeShards through the gateway with the AWS SDK, while a writer keeps writing:
 * every acknowledged record is read exactly once, from the shard it was acknowledged in, and for
 * every partition key the records in a parent shard were acknowledged before those in its children.
 */
class ReshardingIT {
    private static final String STREAM = "resharded";
    private static final String SCALED = "scaled";

    /** An acknowledged record: its partition key, where Kinesis put it, and when (in acknowledgement order). */
    private record Ack(String key, String shardId, String sequenceNumber, int order) {
    }

    @Test
    void splitAndMergeUnderAWriterLoseNothingAndKeepParentsBeforeChildren() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
        KinesisStreams.awaitActive(kinesis, STREAM);
        BigInteger mid = new BigInteger(kinesis.listShards(b -> b.streamName(STREAM)).shards().get(0).hashKeyRange().endingHashKey());

        List<Ack> acks = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> write(kinesis, STREAM, acks, writing), "writer");
        writer.start();
        Thread.sleep(400);

        Instant beforeReshard = Platform.CLOCK.instant();
        String splitAt = mid.divide(BigInteger.TWO).toString();
        kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000000").newStartingHashKey(splitAt));
        assertThat(errorOf(() -> kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000001")
                .newStartingHashKey(mid.add(BigInteger.TEN).toString())))).as("a second reshard while UPDATING")
                .isEqualTo("ResourceInUseException");
        KinesisStreams.awaitActive(kinesis, STREAM);
        Thread.sleep(400);

        assertThat(errorOf(() -> kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000000")
                .newStartingHashKey("1")))).as("re-splitting a closed shard").isEqualTo("InvalidArgumentException");
        assertThat(errorOf(() -> kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000001")
                .newStartingHashKey("1")))).as("a hash key outside the shard").isEqualTo("InvalidArgumentException");
        assertThat(errorOf(() -> kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000099")
                .newStartingHashKey("1")))).isEqualTo("ResourceNotFoundException");
        assertThat(errorOf(() -> kinesis.mergeShards(b -> b.streamName(STREAM).shardToMerge("shardId-000000000002")
                .adjacentShardToMerge("shardId-000000000001")))).as("ranges not adjacent").isEqualTo("InvalidArgumentException");

        kinesis.mergeShards(b -> b.streamName(STREAM).shardToMerge("shardId-000000000002").adjacentShardToMerge("shardId-000000000003"));
        KinesisStreams.awaitActive(kinesis, STREAM);
        Thread.sleep(400);
        writing.set(false);
        writer.join();

        List<Shard> shards = kinesis.listShards(b -> b.streamName(STREAM)).shards();
        assertThat(shards).extracting(Shard::shardId).containsExactly("shardId-000000000000", "shardId-000000000001",
                "shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
        Map<String, Shard> byId = new HashMap<>();
        shards.forEach(s -> byId.put(s.shardId(), s));
        assertThat(byId.get("shardId-000000000002").parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(byId.get("shardId-000000000003").parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(byId.get("shardId-000000000003").hashKeyRange().startingHashKey()).isEqualTo(splitAt);
        assertThat(byId.get("shardId-000000000004").parentShardId()).isEqualTo("shardId-000000000002");
        assertThat(byId.get("shardId-000000000004").adjacentParentShardId()).isEqualTo("shardId-000000000003");
        assertThat(byId.get("shardId-000000000004").hashKeyRange().endingHashKey()).isEqualTo(mid.toString());
        for (String closed : List.of("shardId-000000000000", "shardId-000000000002", "shardId-000000000003")) {
            assertThat(byId.get(closed).sequenceNumberRange().endingSequenceNumber()).as(closed).isNotNull();
        }
        assertThat(byId.get("shardId-000000000001").sequenceNumberRange().endingSequenceNumber()).isNull();

        assertThat(filtered(kinesis, f -> f.type(ShardFilterType.AT_LATEST))).containsExactly(1, 4);
        assertThat(filtered(kinesis, f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).containsExactly(0, 1);
        assertThat(filtered(kinesis, f -> f.type(ShardFilterType.FROM_TRIM_HORIZON))).containsExactly(0, 1, 2, 3, 4);
        assertThat(filtered(kinesis, f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000002")))
                .containsExactly(3, 4);
        assertThat(filtered(kinesis, f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(beforeReshard))).containsExactly(0, 1);
        assertThat(filtered(kinesis, f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(Platform.CLOCK.instant())))
                .containsExactly(1, 4);
        assertThat(filtered(kinesis, f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(beforeReshard)))
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(errorOf(() -> kinesis.listShards(b -> b.streamName(STREAM).shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP)))))
                .isEqualTo("InvalidArgumentException");
        ListShardsResponse firstPage = kinesis.listShards(b -> b.streamName(STREAM).maxResults(1)
                .shardFilter(f -> f.type(ShardFilterType.AT_LATEST)));
        assertThat(firstPage.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000001");
        assertThat(kinesis.listShards(b -> b.nextToken(firstPage.nextToken())).shards()).as("the filter holds across pages")
                .extracting(Shard::shardId).containsExactly("shardId-000000000004");

        Map<String, List<String>> children = readBackExactlyOnceParentsFirst(kinesis, STREAM, acks);
        assertThat(children).containsEntry("shardId-000000000000", List.of("shardId-000000000002", "shardId-000000000003"))
                .containsEntry("shardId-000000000002", List.of("shardId-000000000004"))
                .containsEntry("shardId-000000000003", List.of("shardId-000000000004"));
    }

    @Test
    void updateShardCountTwoToThreeToTwoToOneUnderAWriterLosesNothing() throws Exception {
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName(SCALED).shardCount(2));
        KinesisStreams.awaitActive(kinesis, SCALED);
        List<Ack> acks = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> write(kinesis, SCALED, acks, writing), "writer");
        writer.start();
        Thread.sleep(400);

        var up = kinesis.updateShardCount(b -> b.streamName(SCALED).targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(up.currentShardCount()).isEqualTo(2);
        assertThat(up.targetShardCount()).isEqualTo(3);
        KinesisStreams.awaitActive(kinesis, SCALED);
        List<Shard> three = kinesis.listShards(b -> b.streamName(SCALED).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards();
        assertThat(three).extracting(s -> s.hashKeyRange().startingHashKey() + "-" + s.hashKeyRange().endingHashKey())
                .containsExactlyInAnyOrderElementsOf(evenRanges(3));
        Thread.sleep(400);

        assertThat(errorOf(() -> kinesis.updateShardCount(b -> b.streamName(SCALED).targetShardCount(7)
                .scalingType(ScalingType.UNIFORM_SCALING)))).as("more than double").isEqualTo("LimitExceededException");
        assertThat(errorOf(() -> kinesis.updateShardCount(b -> b.streamName(SCALED).targetShardCount(1)
                .scalingType(ScalingType.UNIFORM_SCALING)))).as("less than half, as AWS").isEqualTo("LimitExceededException");
        kinesis.updateShardCount(b -> b.streamName(SCALED).targetShardCount(2).scalingType(ScalingType.UNIFORM_SCALING));
        KinesisStreams.awaitActive(kinesis, SCALED);
        Thread.sleep(400);
        kinesis.updateShardCount(b -> b.streamName(SCALED).targetShardCount(1).scalingType(ScalingType.UNIFORM_SCALING));
        KinesisStreams.awaitActive(kinesis, SCALED);
        List<Shard> one = kinesis.listShards(b -> b.streamName(SCALED).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards();
        assertThat(one).extracting(s -> s.hashKeyRange().startingHashKey() + "-" + s.hashKeyRange().endingHashKey())
                .containsExactlyElementsOf(evenRanges(1));
        Thread.sleep(400);
        writing.set(false);
        writer.join();

        readBackExactlyOnceParentsFirst(kinesis, SCALED, acks);
    }

    private static List<String> evenRanges(int count) {
        return io.sluice.common.kinesis.HashKeyRange.evenSplit(count).stream().map(r -> r.start() + "-" + r.end()).toList();
    }

    /**
     * Reads every shard of a stream from its start to its end and checks that each acknowledged
     * record was read exactly once, from the shard it was acknowledged in, and that for every
     * partition key no record was acknowledged in a parent after one in a child. Returns the
     * ChildShards each closed shard handed its reader.
     */
    private static Map<String, List<String>> readBackExactlyOnceParentsFirst(KinesisClient kinesis, String stream, List<Ack> acks) {
        List<Shard> shards = kinesis.listShards(b -> b.streamName(stream)).shards();
        Map<String, Integer> generation = new HashMap<>();
        for (Shard shard : shards) {
            int g = 0;
            for (String parent : java.util.Arrays.asList(shard.parentShardId(), shard.adjacentParentShardId())) {
                if (parent != null) {
                    g = Math.max(g, generation.get(parent) + 1);
                }
            }
            generation.put(shard.shardId(), g);
        }
        Map<String, String> shardOfSequence = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (Shard shard : shards) {
            for (Record r : readAll(kinesis, stream, shard.shardId(), children)) {
                assertThat(shardOfSequence.put(r.sequenceNumber(), shard.shardId())).as("read twice: " + r.sequenceNumber()).isNull();
            }
            if (shard.sequenceNumberRange().endingSequenceNumber() != null) {
                assertThat(children).as("a closed shard hands over its children").containsKey(shard.shardId());
            }
        }
        System.out.printf("%s: %d records acknowledged across the reshards, %d read back from %d shards%n", stream, acks.size(),
                shardOfSequence.size(), shards.size());
        assertThat(acks).hasSizeGreaterThan(200);
        assertThat(shardOfSequence).hasSameSizeAs(acks);
        Map<String, Integer> lastGeneration = new HashMap<>();
        for (Ack ack : acks) {
            assertThat(shardOfSequence.get(ack.sequenceNumber())).as("acknowledged record " + ack).isEqualTo(ack.shardId());
            int g = generation.get(ack.shardId());
            Integer before = lastGeneration.put(ack.key(), g);
            assertThat(before == null || before <= g).as("key %s written to a parent after a child", ack.key()).isTrue();
        }
        int deepest = generation.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(lastGeneration.values()).as("keys reached the newest shards").contains(deepest);
        return children;
    }

    private static List<Integer> filtered(KinesisClient kinesis, java.util.function.Consumer<ShardFilter.Builder> filter) {
        return kinesis.listShards(b -> b.streamName(STREAM).shardFilter(filter)).shards().stream()
                .map(s -> Integer.parseInt(s.shardId().substring("shardId-".length()))).toList();
    }

    private static void write(KinesisClient kinesis, String stream, List<Ack> acks, AtomicBoolean writing) {
        Random random = new Random(7);
        int order = 0;
        while (writing.get()) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + random.nextInt(40))
                        .data(SdkBytes.fromUtf8String("record " + order + "." + i)).build());
            }
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            for (int i = 0; i < entries.size(); i++) {
                var result = response.records().get(i);
                if (result.errorCode() == null) {
                    acks.add(new Ack(entries.get(i).partitionKey(), result.shardId(), result.sequenceNumber(), order++));
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads a shard from its start to its end (closed: until ChildShards; open: until the tip). */
    private static List<Record> readAll(KinesisClient kinesis, String stream, String shardId, Map<String, List<String>> children) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String at = iterator;
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(at));
            records.addAll(response.records());
            if (response.hasChildShards() && !response.childShards().isEmpty()) {
                assertThat(response.nextShardIterator()).isNull();
                children.put(shardId, response.childShards().stream().map(ChildShard::shardId).toList());
            }
            iterator = response.records().isEmpty() && response.millisBehindLatest() == 0 && response.nextShardIterator() != null
                    && !response.hasChildShards() ? null : response.nextShardIterator();
        }
        return records;
    }

    @Test
    void aStreamScalesTenTimesInARollingDay() {
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName("scaled-daily").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "scaled-daily");
        for (int i = 0; i < 10; i++) {
            int target = i % 2 == 0 ? 2 : 1;
            kinesis.updateShardCount(b -> b.streamName("scaled-daily").targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING));
            KinesisStreams.awaitActive(kinesis, "scaled-daily");
        }
        assertThat(errorOf(() -> kinesis.updateShardCount(b -> b.streamName("scaled-daily").targetShardCount(2)
                .scalingType(ScalingType.UNIFORM_SCALING)))).as("the 11th within 24 hours").isEqualTo("LimitExceededException");
        kinesis.splitShard(b -> b.streamName("scaled-daily").shardToSplit(openShards(kinesis, "scaled-daily").get(0))
                .newStartingHashKey("170141183460469231731687303715884105728"));
        KinesisStreams.awaitActive(kinesis, "scaled-daily");

        Platform.CLOCK.advance(java.time.Duration.ofHours(24).plusSeconds(1));
        kinesis.updateShardCount(b -> b.streamName("scaled-daily").targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING));
        KinesisStreams.awaitActive(kinesis, "scaled-daily");
        assertThat(openShards(kinesis, "scaled-daily")).hasSize(4);
    }

    private static List<String> openShards(KinesisClient kinesis, String stream) {
        return kinesis.listShards(b -> b.streamName(stream)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).map(Shard::shardId).toList();
    }
}
