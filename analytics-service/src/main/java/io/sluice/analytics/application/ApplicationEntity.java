package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code application}. */
@Entity
@Table(name = "application")
class ApplicationEntity {
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
    private String status;
    @Column(name = "version_id", nullable = false)
    private long versionId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ApplicationEntity() {
    }

    ApplicationEntity(Application application) {
        this.accountId = application.owner().accountId();
        this.region = application.owner().region();
        this.name = application.name();
        this.status = application.status();
        this.versionId = application.versionId();
        this.createdAt = application.createdAt();
    }

    Application toApplication() {
        return new Application(new Caller(accountId, region), name, status, versionId, createdAt);
    }
}
