package io.sluice.streams.encryption;

import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.metadata.StreamStore;
import io.sluice.streams.stream.StreamCatalog;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The data keys of encrypted streams, stored wrapped: which key seals a stream's new records, and
 * every key its records were ever sealed with (looked up by id when one is read).
 */
@Component
public class StreamKeys {
    private final StreamStore store;
    private final StreamCatalog catalog;
    private final Clock clock;

    StreamKeys(StreamStore store, StreamCatalog catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Seals the stream's new records with a new data key (given wrapped) under {@code kmsKeyId}.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException (not ACTIVE)
     */
    public void start(StreamKey key, String kmsKeyId, byte[] wrappedDataKey) {
        change(key, stream -> stream.withEncryption(kmsKeyId,
                store.addDataKey(stream.id(), kmsKeyId, wrappedDataKey, clock.instant())));
    }

    /**
     * Writes the stream's new records in plaintext again; records already sealed stay readable.
     *
     * @throws io.sluice.common.error.AwsException ResourceNotFoundException, ResourceInUseException (not ACTIVE)
     */
    public void stop(StreamKey key) {
        change(key, stream -> stream.withEncryption(null, null));
    }

    /** A data key as stored, wrapped by the master key. */
    public Optional<byte[]> wrapped(long dataKeyId) {
        return store.dataKey(dataKeyId);
    }

    /** Every data key the stream's records were ever sealed with, wrapped, by id. */
    public java.util.Map<Long, byte[]> allWrapped(long streamId) {
        return store.dataKeys(streamId);
    }

    private void change(StreamKey key, java.util.function.UnaryOperator<StoredStream> change) {
        StoredStream changed = store.update(key, stream -> {
            if (stream.status() != StreamStatus.ACTIVE) {
                throw StreamCatalog.notActive(key, stream.status());
            }
            return change.apply(stream);
        }).orElseThrow(() -> StreamCatalog.notFound(key));
        catalog.invalidate(key, changed.id());
    }
}
