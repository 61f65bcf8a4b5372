package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
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

    protected DeliveryStreamEntity() {
    }

    DeliveryStreamEntity(DeliveryStream stream) {
        this.accountId = stream.owner().accountId();
        this.region = stream.owner().region();
        this.name = stream.name();
        this.type = stream.type();
        this.status = stream.status();
        this.versionId = stream.versionId();
        this.createdAt = stream.createdAt();
    }

    DeliveryStream toDeliveryStream() {
        return new DeliveryStream(new Caller(accountId, region), name, type, status, versionId, createdAt);
    }
}
