package io.sluice.streams.stream;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data keys of encrypted streams, stored wrapped: which key seals a stream's new records, and
 * every key its records were ever sealed with (looked up by id when one is read).
 */
@Component
public class StreamKeys {
    private final StreamRepository streams;
    private final DataKeyRepository keys;
    private final StreamCatalog catalog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StreamKeys(StreamRepository streams, DataKeyRepository keys, StreamCatalog catalog, TransactionTemplate transactions,
            Clock clock) {
        this.streams = streams;
        this.keys = keys;
        this.catalog = catalog;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Seals the stream's new records with a new data key (given wrapped) under {@code kmsKeyId}.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException (not ACTIVE)
     */
    public void start(StreamKey key, String kmsKeyId, byte[] wrappedDataKey) {
        change(key, stream -> {
            DataKeyEntity dataKey = keys.save(new DataKeyEntity(stream.getId(), kmsKeyId, wrappedDataKey, clock.instant()));
            stream.setEncryption(kmsKeyId, dataKey.getId());
        });
    }

    /**
     * Writes the stream's new records in plaintext again; records already sealed stay readable.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException (not ACTIVE)
     */
    public void stop(StreamKey key) {
        change(key, stream -> stream.setEncryption(null, null));
    }

    /** A data key as stored, wrapped by the master key. */
    public Optional<byte[]> wrapped(long dataKeyId) {
        return transactions.execute(tx -> keys.findById(dataKeyId).map(DataKeyEntity::getWrappedKey));
    }

    /** Every data key the stream's records were ever sealed with, wrapped, by id. */
    public java.util.Map<Long, byte[]> allWrapped(long streamId) {
        return transactions.execute(tx -> keys.findByStreamId(streamId).stream()
                .collect(java.util.stream.Collectors.toMap(DataKeyEntity::getId, DataKeyEntity::getWrappedKey)));
    }

    private void change(StreamKey key, java.util.function.Consumer<StreamEntity> change) {
        long id = transactions.execute(tx -> {
            StreamEntity stream = streams.findByKey(key).orElseThrow(() -> StreamCatalog.notFound(key));
            if (stream.getStatus() != StreamStatus.ACTIVE) {
                throw StreamCatalog.notActive(key, stream.getStatus());
            }
            change.accept(stream);
            return stream.getId();
        });
        catalog.invalidate(key, id);
    }
}
