package io.sluice.firehose.pipeline;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.StreamArn;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamCache;
import io.sluice.kafka.RecordFormat;
import io.sluice.kafka.directory.StreamDirectory;
import io.sluice.kafka.directory.StreamLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kinesis stream as a delivery stream's source, read straight from its Kafka partitions (one per
 * shard) as the stream directory describes them — no Kinesis API in between. A child shard is read
 * only once each of its parents is closed and delivered up to its end (the parents' committed
 * offsets say so, whichever instance delivered them), so a key's records reach S3 in order across
 * splits and merges. Partitions never read before start where the stream ended when the delivery
 * stream turned ACTIVE (LATEST, as Firehose; partitions made since from their start) or at the
 * oldest record kept (TRIM_HORIZON). Sealed records of an
 * encrypted stream are opened with the data keys the directory hands over.
 */
final class KinesisStreamSource implements Source {
    private static final long LOCATION_TTL_MILLIS = 2_000;

    private final Caller owner;
    private final String name;
    private final long createdMillis;
    private final Caller streamOwner;
    private final String streamName;
    private final DeliveryStreamCache streams;
    private final StreamDirectory directory;
    private final boolean trimHorizon;
    private final Map<Integer, Long> startingOffsets;
    private final Set<Integer> finishedParents = ConcurrentHashMap.newKeySet();
    private volatile StreamLocation location;
    private volatile long locatedAt;
    private volatile RecordFormat format;

    KinesisStreamSource(DeliveryStream stream, DeliveryStreamCache streams, StreamDirectory directory, boolean trimHorizon) {
        this.owner = stream.owner();
        this.name = stream.name();
        this.createdMillis = stream.createdAt().toEpochMilli();
        StreamArn arn = StreamArn.parse(stream.source().streamArn()).orElseThrow();
        this.streamOwner = new Caller(arn.accountId(), arn.region());
        this.streamName = arn.streamName();
        this.streams = streams;
        this.directory = directory;
        this.trimHorizon = trimHorizon;
        this.startingOffsets = stream.source().startingOffsets() == null ? Map.of() : stream.source().startingOffsets();
    }

    /** The source stream as the directory describes it now; empty when it is gone. */
    Optional<StreamLocation> location(boolean fresh) {
        if (fresh || location == null || System.currentTimeMillis() - locatedAt > LOCATION_TTL_MILLIS) {
            Optional<StreamLocation> found = directory.locate(streamOwner, streamName);
            found.ifPresent(l -> {
                if (location == null || !l.dataKeys().equals(location.dataKeys())) {
                    format = StreamLocation.recordFormat(l.dataKeys());
                }
                location = l;
                locatedAt = System.currentTimeMillis();
            });
            return found;
        }
        return Optional.of(location);
    }

    @Override
    public Optional<DeliveryStream> streamOf(String topic) {
        return streams.find(owner, name).filter(s -> s.createdAt().toEpochMilli() == createdMillis && s.status().equals("ACTIVE")
                && s.destination() != null && location(false).map(l -> l.topic().equals(topic)).orElse(false));
    }

    @Override
    public byte[] dataOf(DeliveryStream stream, ConsumerRecord<byte[], byte[]> record) {
        if (RecordFormat.dataKeyId(record).isEmpty()) {
            return record.value();
        }
        long keyId = RecordFormat.dataKeyId(record).getAsLong();
        if (location == null || !location.dataKeys().containsKey(keyId)) {
            location(true);
        }
        return format.open(record).data();
    }

    @Override
    public boolean mayTake(TopicPartition partition, Consumer<?, ?> consumer) {
        Optional<StreamLocation.ShardLocation> shard = shardOf(partition.partition());
        if (shard.isEmpty()) {
            return false;
        }
        for (String parentId : new String[] {shard.get().parentShardId(), shard.get().adjacentParentShardId()}) {
            if (parentId != null && !parentFinished(parentId, partition.topic(), consumer)) {
                return false;
            }
        }
        return true;
    }

    private boolean parentFinished(String parentId, String topic, Consumer<?, ?> consumer) {
        StreamLocation.ShardLocation parent = location.shards().stream().filter(s -> s.shardId().equals(parentId)).findFirst().orElse(null);
        if (parent == null || finishedParents.contains(parent.partition())) {
            return true;
        }
        if (parent.open() || parent.endingOffset() == null) {
            return false;
        }
        TopicPartition parentPartition = new TopicPartition(topic, parent.partition());
        OffsetAndMetadata committed = consumer.committed(Set.of(parentPartition)).get(parentPartition);
        if (committed != null && committed.offset() >= parent.endingOffset()) {
            finishedParents.add(parent.partition());
            return true;
        }
        return false;
    }

    private Optional<StreamLocation.ShardLocation> shardOf(int partition) {
        Optional<StreamLocation.ShardLocation> shard = location(false)
                .flatMap(l -> l.shards().stream().filter(s -> s.partition() == partition).findFirst());
        return shard.isPresent() ? shard : location(true).flatMap(l -> l.shards().stream().filter(s -> s.partition() == partition).findFirst());
    }

    /** Partitions this delivery stream never read start at its creation (or the oldest record) and are committed there. */
    @Override
    public void onAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        List<TopicPartition> unread = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            if (committed.get(partition) == null) {
                unread.add(partition);
            }
        }
        if (unread.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(unread);
        for (TopicPartition p : unread) {
            long beginning = beginnings.get(p);
            Long recorded = trimHorizon ? null : startingOffsets.get(p.partition());
            starts.put(p, new OffsetAndMetadata(recorded == null ? beginning : Math.max(beginning, recorded)));
        }
        starts.forEach((p, offset) -> consumer.seek(p, offset.offset()));
        consumer.commitSync(starts);
    }
}
