package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.json.StoredJson;
import io.sluice.firehose.destination.Destination;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code delivery_stream}. */
@Entity
@Table(name = "delivery_stream")
class DeliveryStreamEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "account_id", nullable = false)
    private String accountId;
    @Column(nullable = false)
    private String region;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String type;
    @Column(nullable = false)
    private String status;
    @Column(name = "version_id", nullable = false)
    private long versionId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    /** The destination as JSON, in the API's member names. */
    @Column(name = "destination")
    private String destination;
    @Column(name = "failure_type")
    private String failureType;
    @Column(name = "failure_details")
    private String failureDetails;
    /** The tags as a JSON object. */
    @Column(name = "tags")
    private String tags;
    /** The server-side encryption as JSON. */
    @Column(name = "encryption")
    private String encryption;
    /** The Kinesis stream read, as JSON. */
    @Column(name = "source")
    private String source;

    protected DeliveryStreamEntity() {
    }

    DeliveryStreamEntity(DeliveryStream stream) {
        this.accountId = stream.owner().accountId();
        this.region = stream.owner().region();
        this.name = stream.name();
        this.type = stream.type();
        this.createdAt = stream.createdAt();
        apply(stream);
    }

    /** Writes what a change may change onto this row. */
    void apply(DeliveryStream stream) {
        this.status = stream.status();
        this.versionId = stream.versionId();
        this.updatedAt = stream.updatedAt();
        this.destination = StoredJson.write(stream.destination());
        this.failureType = stream.failure() == null ? null : stream.failure().type();
        this.failureDetails = stream.failure() == null ? null : stream.failure().details();
        this.tags = StoredJson.write(stream.tags());
        this.encryption = StoredJson.write(stream.encryption());
        this.source = StoredJson.write(stream.source());
    }

    DeliveryStream toDeliveryStream() {
        return new DeliveryStream(new Caller(accountId, region), name, type, status, versionId, createdAt,
                updatedAt == null ? createdAt : updatedAt, StoredJson.read(destination, Destination.class),
                failureType == null ? null : new FailureDescription(failureType, failureDetails), StoredJson.readTags(tags),
                StoredJson.read(encryption, StreamEncryption.class), StoredJson.read(source, KinesisSource.class));
    }
}
