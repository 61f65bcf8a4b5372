package io.sluice.streams.metadata;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The metadata store on the service's PostgreSQL database (Flyway {@code db/streams}). Every
 * operation is a transaction of its own, or joins the one {@link #inTransaction} opened.
 */
@Component
class JpaStreamStore implements StreamStore {
    private final StreamRepository streams;
    private final ConsumerRepository consumers;
    private final DataKeyRepository keys;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;

    JpaStreamStore(StreamRepository streams, ConsumerRepository consumers, DataKeyRepository keys,
            TransactionTemplate transactions) {
        this.streams = streams;
        this.consumers = consumers;
        this.keys = keys;
        this.transactions = transactions;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(tx -> work.get());
    }

    private <T> T read(Supplier<T> work) {
        return readOnly.execute(tx -> work.get());
    }

    @Override
    public Optional<StoredStream> find(StreamKey key) {
        return read(() -> streams.findByKey(key).map(StreamEntity::toStored));
    }

    @Override
    public Optional<StoredStream> find(long id) {
        return read(() -> streams.findWithShards(id).map(StreamEntity::toStored));
    }

    @Override
    public List<StoredStream> page(String accountId, String region, String afterName, int limit) {
        return read(() -> streams.findPage(accountId, region, afterName, PageRequest.of(0, limit)).stream()
                .map(StreamEntity::toStored).toList());
    }

    @Override
    public List<StoredStream> withStatus(Collection<StreamStatus> statuses) {
        return read(() -> streams.findByStatusIn(statuses).stream().map(StreamEntity::toStored).toList());
    }

    @Override
    public long countOpenShards(String accountId, String region) {
        return read(() -> streams.countOpenShards(accountId, region));
    }

    @Override
    public long countByMode(String accountId, String region, StreamMode mode) {
        return read(() -> streams.countByMode(accountId, region, mode));
    }

    @Override
    public StoredStream create(StoredStream stream) {
        return inTransaction(() -> {
            if (streams.findByKey(stream.key()).isPresent()) {
                throw new NameTakenException();
            }
            try {
                return streams.saveAndFlush(new StreamEntity(stream)).toStored();
            } catch (DataIntegrityViolationException e) {
                // The unique (account, region, name): a concurrent create took the name first.
                throw new NameTakenException();
            }
        });
    }

    @Override
    public Optional<StoredStream> update(StreamKey key, UnaryOperator<StoredStream> change) {
        return inTransaction(() -> streams.findByKey(key).map(entity -> apply(entity, change)));
    }

    @Override
    public Optional<StoredStream> update(long id, UnaryOperator<StoredStream> change) {
        return inTransaction(() -> streams.findWithShards(id).map(entity -> apply(entity, change)));
    }

    private static StoredStream apply(StreamEntity entity, UnaryOperator<StoredStream> change) {
        StoredStream changed = change.apply(entity.toStored());
        entity.apply(changed);
        return entity.toStored();
    }

    @Override
    public void delete(long id) {
        // The database removes its shards, tags, consumers and data keys with it (ON DELETE CASCADE).
        inTransaction(() -> {
            streams.findById(id).ifPresent(streams::delete);
            return null;
        });
    }

    @Override
    public Optional<StoredConsumer> consumer(long id) {
        return read(() -> consumers.findById(id).map(ConsumerEntity::toStored));
    }

    @Override
    public Optional<StoredConsumer> consumer(long streamId, String name) {
        return read(() -> consumers.findByName(streamId, name).map(ConsumerEntity::toStored));
    }

    @Override
    public List<StoredConsumer> consumers(long streamId, String afterName, int limit) {
        return read(() -> consumers.findPage(streamId, afterName, PageRequest.of(0, limit)).stream()
                .map(ConsumerEntity::toStored).toList());
    }

    @Override
    public long countConsumers(long streamId) {
        return read(() -> consumers.countByStream(streamId));
    }

    @Override
    public List<StoredConsumer> consumersWithStatus(Collection<ConsumerStatus> statuses) {
        return read(() -> consumers.findByStatusIn(statuses).stream().map(ConsumerEntity::toStored).toList());
    }

    @Override
    public StoredConsumer addConsumer(StoredConsumer consumer) {
        return inTransaction(() -> {
            if (consumers.findByName(consumer.streamId(), consumer.name()).isPresent()) {
                throw new NameTakenException();
            }
            StreamEntity stream = streams.findById(consumer.streamId())
                    .orElseThrow(() -> new IllegalStateException("No stream " + consumer.streamId()));
            ConsumerEntity entity = new ConsumerEntity(stream, consumer.name(), consumer.createdAt(), consumer.tags());
            entity.apply(consumer);
            try {
                return consumers.saveAndFlush(entity).toStored();
            } catch (DataIntegrityViolationException e) {
                // The unique (stream, name): a concurrent registration took the name first.
                throw new NameTakenException();
            }
        });
    }

    @Override
    public Optional<StoredConsumer> updateConsumer(long id, UnaryOperator<StoredConsumer> change) {
        return inTransaction(() -> consumers.findById(id).map(entity -> {
            entity.apply(change.apply(entity.toStored()));
            return entity.toStored();
        }));
    }

    @Override
    public void deleteConsumer(long id) {
        inTransaction(() -> {
            consumers.findById(id).ifPresent(consumers::delete);
            return null;
        });
    }

    @Override
    public long addDataKey(long streamId, String kmsKeyId, byte[] wrappedKey, Instant createdAt) {
        return inTransaction(() -> keys.save(new DataKeyEntity(streamId, kmsKeyId, wrappedKey, createdAt)).getId());
    }

    @Override
    public Optional<byte[]> dataKey(long id) {
        return read(() -> keys.findById(id).map(DataKeyEntity::getWrappedKey));
    }

    @Override
    public Map<Long, byte[]> dataKeys(long streamId) {
        return read(() -> keys.findByStreamId(streamId).stream()
                .collect(Collectors.toMap(DataKeyEntity::getId, DataKeyEntity::getWrappedKey)));
    }
}
