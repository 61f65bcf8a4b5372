package io.sluice.streams.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.kinesis.ShardId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every stream metadata store does, the JPA one on PostgreSQL and its in-memory twin alike. */
public abstract class StreamStoreContract {
    private final Instant now = Instant.parse("2026-11-30T12:00:00Z").truncatedTo(ChronoUnit.MILLIS);
    /** A fresh account per test, so that a store shared between tests starts empty for it. */
    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));

    protected abstract StreamStore store();

    private StoredStream newStream(String name, int shards, StreamMode mode) {
        List<Shard> list = new ArrayList<>();
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(shards);
        for (int i = 0; i < shards; i++) {
            list.add(Shard.opened(i, ranges.get(i), null, null, now));
        }
        return StoredStream.created(new StreamKey(account, "us-east-1", name), "kinesis." + name + "." + UUID.randomUUID(),
                mode, 24, 1024, now, list, Map.of("team", "data"));
    }

    @Test
    void createsOnceAndFindsByKeyAndId() {
        StoredStream created = store().create(newStream("orders", 2, StreamMode.PROVISIONED));
        assertThat(created.id()).isNotNull();
        assertThat(created.status()).isEqualTo(StreamStatus.CREATING);
        assertThat(store().find(created.key())).contains(created);
        assertThat(store().find(created.id())).contains(created);
        assertThat(created.snapshot().shards()).hasSize(2);
        assertThat(created.tags()).containsEntry("team", "data");
        assertThatThrownBy(() -> store().create(newStream("orders", 1, StreamMode.PROVISIONED)))
                .isInstanceOf(StreamStore.NameTakenException.class);
        assertThat(store().find(new StreamKey(account, "eu-west-1", "orders"))).isEmpty();
    }

    @Test
    void anUpdateKeepsEverySettingAndAddsClosesAndSealsShards() {
        StoredStream created = store().create(newStream("resharded", 1, StreamMode.ON_DEMAND));
        List<HashKeyRange> halves = HashKeyRange.evenSplit(2);
        StoredStream updated = store().update(created.key(), s -> s
                .withStatus(StreamStatus.UPDATING)
                .withRetentionHours(48)
                .withMaxRecordSizeKiB(2048)
                .withEncryption("alias/k", 7L)
                .withShardLevelMetrics(List.of("IncomingBytes"))
                .withResourcePolicy("{}")
                .withTags(tags -> {
                    tags.put("env", "test");
                    return tags;
                })
                .withScaling(now, now.minusSeconds(60))
                .withShards(shards -> {
                    shards.set(0, shards.get(0).closedAt(now));
                    shards.add(Shard.opened(1, halves.get(0), new ShardId(0), null, now));
                    shards.add(Shard.opened(2, halves.get(1), new ShardId(0), null, now));
                    return shards;
                })).orElseThrow();
        assertThat(store().find(created.id())).contains(updated);
        assertThat(updated.retentionHours()).isEqualTo(48);
        assertThat(updated.encryptionType()).isEqualTo("KMS");
        assertThat(updated.scalingsSince(now.minusSeconds(1))).isEqualTo(1);
        assertThat(updated.tags()).containsEntry("env", "test").containsEntry("team", "data");
        assertThat(updated.shards()).extracting(Shard::open).containsExactly(false, true, true);
        assertThat(store().countOpenShards(account, "us-east-1")).isEqualTo(2);

        StoredStream sealed = store().update(created.id(), s -> s.withShards(shards -> {
            shards.set(0, shards.get(0).sealedAt(42));
            return shards;
        })).orElseThrow();
        assertThat(sealed.shards().get(0).endingOffset()).isEqualTo(42L);
        assertThat(store().find(created.key()).orElseThrow().shards().get(0).sealed()).isTrue();
    }

    @Test
    void aChangeThatThrowsChangesNothing() {
        StoredStream created = store().create(newStream("unchanged", 1, StreamMode.PROVISIONED));
        assertThatThrownBy(() -> store().update(created.key(), s -> {
            store().addDataKey(s.id(), "alias/k", new byte[] {1, 2}, now);
            s.withStatus(StreamStatus.ACTIVE);
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(store().find(created.key())).contains(created);
        assertThat(store().dataKeys(created.id())).isEmpty();
        assertThat(store().update(new StreamKey(account, "us-east-1", "missing"), s -> s)).isEmpty();
    }

    @Test
    void listsCountsAndDeletesWithTheStreamsConsumersAndKeys() {
        StoredStream a = store().create(newStream("a", 1, StreamMode.ON_DEMAND));
        store().create(newStream("b", 2, StreamMode.PROVISIONED));
        store().create(newStream("c", 1, StreamMode.ON_DEMAND));
        assertThat(store().page(account, "us-east-1", "a", 10)).extracting(s -> s.key().name()).containsExactly("b", "c");
        assertThat(store().page(account, "us-east-1", "", 2)).extracting(s -> s.key().name()).containsExactly("a", "b");
        assertThat(store().countByMode(account, "us-east-1", StreamMode.ON_DEMAND)).isEqualTo(2);
        assertThat(store().withStatus(List.of(StreamStatus.CREATING))).extracting(StoredStream::id).contains(a.id());

        StoredConsumer consumer = store().addConsumer(
                new StoredConsumer(null, a.id(), "app", ConsumerStatus.CREATING, now, Map.of("k", "v"), null));
        assertThatThrownBy(() -> store().addConsumer(
                new StoredConsumer(null, a.id(), "app", ConsumerStatus.CREATING, now, Map.of(), null)))
                .isInstanceOf(StreamStore.NameTakenException.class);
        store().addConsumer(new StoredConsumer(null, a.id(), "billing", ConsumerStatus.CREATING, now, Map.of(), null));
        assertThat(store().consumers(a.id(), "", 10)).extracting(StoredConsumer::name).containsExactly("app", "billing");
        assertThat(store().countConsumers(a.id())).isEqualTo(2);
        StoredConsumer active = store().updateConsumer(consumer.id(), c -> c.withStatus(ConsumerStatus.ACTIVE)
                .withResourcePolicy("{}")).orElseThrow();
        assertThat(store().consumer(a.id(), "app")).contains(active);
        assertThat(store().consumersWithStatus(List.of(ConsumerStatus.ACTIVE))).contains(active);
        store().deleteConsumer(consumer.id());
        assertThat(store().consumer(consumer.id())).isEmpty();

        long key = store().addDataKey(a.id(), "alias/k", new byte[] {9, 8}, now);
        assertThat(store().dataKey(key)).hasValueSatisfying(k -> assertThat(k).containsExactly(9, 8));
        assertThat(store().dataKeys(a.id())).containsOnlyKeys(key);

        store().delete(a.id());
        assertThat(store().find(a.id())).isEmpty();
        assertThat(store().consumers(a.id(), "", 10)).isEmpty();
        assertThat(store().dataKey(key)).isEmpty();
    }
}
