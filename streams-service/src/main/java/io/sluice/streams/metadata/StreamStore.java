package io.sluice.streams.metadata;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where stream metadata is kept: streams with their shards and settings, their enhanced fan-out
 * consumers and the (wrapped) data keys of encrypted streams. PostgreSQL in the service
 * ({@link JpaStreamStore}); memory in unit tests of the logic above it ({@link MemoryStreamStore}).
 * Both pass the same contract test. The record path never reads the store: it routes by the
 * cached snapshots of the catalog.
 */
public interface StreamStore {

    /** Thrown by the create operations when the name is taken. */
    final class NameTakenException extends RuntimeException {
        public NameTakenException() {
            super(null, null, false, false);
        }
    }

    /** Runs {@code work} as one transaction: its reads and changes see and make one consistent state. */
    <T> T inTransaction(Supplier<T> work);

    Optional<StoredStream> find(StreamKey key);

    Optional<StoredStream> find(long id);

    /** The account's streams in name order after {@code afterName}, at most {@code limit}. */
    List<StoredStream> page(String accountId, String region, String afterName, int limit);

    List<StoredStream> withStatus(Collection<StreamStatus> statuses);

    long countOpenShards(String accountId, String region);

    long countByMode(String accountId, String region, StreamMode mode);

    /**
     * Adds a stream (its id is null).
     *
     * @return the stream with its id
     * @throws NameTakenException when the account has a stream of that name in the region
     */
    StoredStream create(StoredStream stream);

    /**
     * Applies {@code change} to the stream and keeps what it returns, in one transaction; an
     * exception from {@code change} changes nothing. A change may add shards, close and seal them,
     * and change every setting; it may not change the key, topic or creation time.
     *
     * @return the changed stream, or empty when there is no such stream ({@code change} is not called)
     */
    Optional<StoredStream> update(StreamKey key, UnaryOperator<StoredStream> change);

    /** As {@link #update(StreamKey, UnaryOperator)}, by id. */
    Optional<StoredStream> update(long id, UnaryOperator<StoredStream> change);

    /** Removes a stream with its shards, consumers and data keys. */
    void delete(long id);

    Optional<StoredConsumer> consumer(long id);

    Optional<StoredConsumer> consumer(long streamId, String name);

    /** The stream's consumers in name order after {@code afterName}, at most {@code limit}. */
    List<StoredConsumer> consumers(long streamId, String afterName, int limit);

    long countConsumers(long streamId);

    List<StoredConsumer> consumersWithStatus(Collection<ConsumerStatus> statuses);

    /**
     * Registers a consumer (its id is null).
     *
     * @throws NameTakenException when the stream has a consumer of that name
     */
    StoredConsumer addConsumer(StoredConsumer consumer);

    Optional<StoredConsumer> updateConsumer(long id, UnaryOperator<StoredConsumer> change);

    void deleteConsumer(long id);

    /** Keeps a stream's new data key (wrapped by the master key); returns its id. */
    long addDataKey(long streamId, String kmsKeyId, byte[] wrappedKey, Instant createdAt);

    Optional<byte[]> dataKey(long id);

    /** Every data key the stream's records were ever sealed with, wrapped, by id. */
    Map<Long, byte[]> dataKeys(long streamId);
}
