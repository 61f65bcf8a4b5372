package io.sluice.streams.metadata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stream's data key, as stored: wrapped by the master key. */
@Entity
@Table(name = "stream_data_key")
class DataKeyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "stream_id", nullable = false)
    private long streamId;

    @Column(name = "kms_key_id", nullable = false)
    private String kmsKeyId;

    @Column(name = "wrapped_key", nullable = false)
    private byte[] wrappedKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DataKeyEntity() {
    }

    DataKeyEntity(long streamId, String kmsKeyId, byte[] wrappedKey, Instant createdAt) {
        this.streamId = streamId;
        this.kmsKeyId = kmsKeyId;
        this.wrappedKey = wrappedKey.clone();
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    byte[] getWrappedKey() {
        return wrappedKey.clone();
    }
}
