package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import io.sluice.common.json.StoredJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code application}: the parts as JSON in the API's member names. */
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
    @Column(name = "updated_at")
    private Instant updatedAt;
    private String description;
    private String code;
    private String configuration;
    private String tags;
    @Column(name = "run_state")
    private String run;

    protected ApplicationEntity() {
    }

    ApplicationEntity(Application application) {
        this.accountId = application.owner().accountId();
        this.region = application.owner().region();
        this.name = application.name();
        apply(application);
    }

    /** Takes every changeable part of {@code application}. */
    void apply(Application application) {
        this.status = application.status();
        this.versionId = application.versionId();
        this.createdAt = application.createdAt();
        this.updatedAt = application.updatedAt();
        this.description = application.description();
        this.code = application.code();
        this.configuration = StoredJson.write(application.configuration());
        this.tags = StoredJson.write(application.tags());
        this.run = StoredJson.write(application.run());
    }

    Application toApplication() {
        return new Application(new Caller(accountId, region), name, status, versionId, createdAt,
                updatedAt == null ? createdAt : updatedAt, description, code, StoredJson.read(configuration, Application.Configuration.class),
                StoredJson.readTags(tags), StoredJson.read(run, Application.Run.class));
    }
}
