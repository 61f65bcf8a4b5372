package io.sluice.streams.metadata;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The in-memory twin of the metadata store, for unit tests of the logic above it. One lock stands
 * for the database's transactions: {@link #inTransaction} holds it around its work; a change that
 * throws leaves nothing behind, as a rolled-back transaction does.
 */
public final class MemoryStreamStore implements StreamStore {
    private record DataKey(long streamId, byte[] wrapped) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, StoredStream> streams = new TreeMap<>();
    private final Map<Long, StoredConsumer> consumers = new TreeMap<>();
    private final Map<Long, DataKey> keys = new TreeMap<>();
    private long nextId = 1;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            Map<Long, StoredStream> streamsBefore = new TreeMap<>(streams);
            Map<Long, StoredConsumer> consumersBefore = new TreeMap<>(consumers);
            Map<Long, DataKey> keysBefore = new TreeMap<>(keys);
            try {
                return work.get();
            } catch (RuntimeException e) {
                restore(streams, streamsBefore);
                restore(consumers, consumersBefore);
                restore(keys, keysBefore);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private static <V> void restore(Map<Long, V> map, Map<Long, V> before) {
        map.clear();
        map.putAll(before);
    }

    @Override
    public Optional<StoredStream> find(StreamKey key) {
        return inTransaction(() -> streams.values().stream().filter(s -> s.key().equals(key)).findFirst());
    }

    @Override
    public Optional<StoredStream> find(long id) {
        return inTransaction(() -> Optional.ofNullable(streams.get(id)));
    }

    @Override
    public List<StoredStream> page(String accountId, String region, String afterName, int limit) {
        return inTransaction(() -> streams.values().stream()
                .filter(s -> s.key().accountId().equals(accountId) && s.key().region().equals(region))
                .filter(s -> s.key().name().compareTo(afterName) > 0)
                .sorted(Comparator.comparing(s -> s.key().name()))
                .limit(limit)
                .toList());
    }

    @Override
    public List<StoredStream> withStatus(Collection<StreamStatus> statuses) {
        return inTransaction(() -> streams.values().stream().filter(s -> statuses.contains(s.status())).toList());
    }

    @Override
    public long countOpenShards(String accountId, String region) {
        return inTransaction(() -> streams.values().stream()
                .filter(s -> s.key().accountId().equals(accountId) && s.key().region().equals(region))
                .mapToLong(s -> s.shards().stream().filter(Shard::open).count())
                .sum());
    }

    @Override
    public long countByMode(String accountId, String region, StreamMode mode) {
        return inTransaction(() -> streams.values().stream()
                .filter(s -> s.key().accountId().equals(accountId) && s.key().region().equals(region) && s.mode() == mode)
                .count());
    }

    @Override
    public StoredStream create(StoredStream stream) {
        return inTransaction(() -> {
            if (find(stream.key()).isPresent()) {
                throw new NameTakenException();
            }
            StoredStream created = stream.withId(nextId++);
            streams.put(created.id(), created);
            return created;
        });
    }

    @Override
    public Optional<StoredStream> update(StreamKey key, UnaryOperator<StoredStream> change) {
        return inTransaction(() -> find(key).map(s -> replace(s, change)));
    }

    @Override
    public Optional<StoredStream> update(long id, UnaryOperator<StoredStream> change) {
        return inTransaction(() -> find(id).map(s -> replace(s, change)));
    }

    private StoredStream replace(StoredStream stream, UnaryOperator<StoredStream> change) {
        StoredStream changed = change.apply(stream);
        if (!changed.key().equals(stream.key()) || !changed.topic().equals(stream.topic()) || changed.shards().size() < stream.shards().size()) {
            throw new IllegalArgumentException("A change may not rename a stream, move its topic or remove shards");
        }
        StoredStream kept = changed.withId(stream.id());
        streams.put(stream.id(), kept);
        return kept;
    }

    @Override
    public void delete(long id) {
        inTransaction(() -> {
            streams.remove(id);
            consumers.values().removeIf(c -> c.streamId() == id);
            keys.values().removeIf(k -> k.streamId() == id);
            return null;
        });
    }

    @Override
    public Optional<StoredConsumer> consumer(long id) {
        return inTransaction(() -> Optional.ofNullable(consumers.get(id)));
    }

    @Override
    public Optional<StoredConsumer> consumer(long streamId, String name) {
        return inTransaction(() -> consumers.values().stream()
                .filter(c -> c.streamId() == streamId && c.name().equals(name)).findFirst());
    }

    @Override
    public List<StoredConsumer> consumers(long streamId, String afterName, int limit) {
        return inTransaction(() -> consumers.values().stream()
                .filter(c -> c.streamId() == streamId && c.name().compareTo(afterName) > 0)
                .sorted(Comparator.comparing(StoredConsumer::name))
                .limit(limit)
                .toList());
    }

    @Override
    public long countConsumers(long streamId) {
        return inTransaction(() -> consumers.values().stream().filter(c -> c.streamId() == streamId).count());
    }

    @Override
    public List<StoredConsumer> consumersWithStatus(Collection<ConsumerStatus> statuses) {
        return inTransaction(() -> consumers.values().stream().filter(c -> statuses.contains(c.status())).toList());
    }

    @Override
    public StoredConsumer addConsumer(StoredConsumer consumer) {
        return inTransaction(() -> {
            if (!streams.containsKey(consumer.streamId())) {
                throw new IllegalStateException("No stream " + consumer.streamId());
            }
            if (consumer(consumer.streamId(), consumer.name()).isPresent()) {
                throw new NameTakenException();
            }
            StoredConsumer added = consumer.withId(nextId++);
            consumers.put(added.id(), added);
            return added;
        });
    }

    @Override
    public Optional<StoredConsumer> updateConsumer(long id, UnaryOperator<StoredConsumer> change) {
        return inTransaction(() -> consumer(id).map(c -> {
            StoredConsumer changed = change.apply(c).withId(id);
            consumers.put(id, changed);
            return changed;
        }));
    }

    @Override
    public void deleteConsumer(long id) {
        inTransaction(() -> consumers.remove(id));
    }

    @Override
    public long addDataKey(long streamId, String kmsKeyId, byte[] wrappedKey, Instant createdAt) {
        return inTransaction(() -> {
            long id = nextId++;
            keys.put(id, new DataKey(streamId, wrappedKey.clone()));
            return id;
        });
    }

    @Override
    public Optional<byte[]> dataKey(long id) {
        return inTransaction(() -> Optional.ofNullable(keys.get(id)).map(k -> k.wrapped().clone()));
    }

    @Override
    public Map<Long, byte[]> dataKeys(long streamId) {
        return inTransaction(() -> keys.entrySet().stream().filter(e -> e.getValue().streamId() == streamId)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().wrapped().clone())));
    }
}
