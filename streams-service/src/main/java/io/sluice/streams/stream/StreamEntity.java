package io.sluice.streams.stream;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A stream's row; shards and tags hang off it. */
@Entity
@Table(name = "stream")
public class StreamEntity {
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
    private String topic;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private StreamStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "stream_mode", nullable = false)
    private StreamMode mode;

    @Column(name = "retention_hours", nullable = false)
    private int retentionHours;

    @Column(name = "encryption_type", nullable = false)
    private String encryptionType = "NONE";

    @Column(name = "kms_key_id")
    private String kmsKeyId;

    @Column(name = "data_key_id")
    private Long dataKeyId;

    @Column(name = "max_record_size_kib", nullable = false)
    private int maxRecordSizeKiB;

    @Column(name = "shard_level_metrics", nullable = false)
    private String shardLevelMetrics = "";

    @Column(name = "resource_policy")
    private String resourcePolicy;

    @ElementCollection
    @CollectionTable(name = "stream_scaling", joinColumns = @JoinColumn(name = "stream_id"))
    @Column(name = "scaled_at")
    private List<Instant> scalings = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "stream", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("shardIndex")
    private List<ShardEntity> shards = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "stream_tag", joinColumns = @JoinColumn(name = "stream_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value")
    private Map<String, String> tags = new TreeMap<>();

    protected StreamEntity() {
    }

    StreamEntity(StreamKey key, String topic, StreamMode mode, int retentionHours, int maxRecordSizeKiB, Instant createdAt) {
        this.maxRecordSizeKiB = maxRecordSizeKiB;
        this.accountId = key.accountId();
        this.region = key.region();
        this.name = key.name();
        this.topic = topic;
        this.mode = mode;
        this.retentionHours = retentionHours;
        this.createdAt = createdAt;
        this.status = StreamStatus.CREATING;
    }

    public Long getId() {
        return id;
    }

    public StreamKey key() {
        return new StreamKey(accountId, region, name);
    }

    public String getTopic() {
        return topic;
    }

    public StreamStatus getStatus() {
        return status;
    }

    public void setStatus(StreamStatus status) {
        this.status = status;
    }

    public StreamMode getMode() {
        return mode;
    }

    public void setMode(StreamMode mode) {
        this.mode = mode;
    }

    public int getRetentionHours() {
        return retentionHours;
    }

    public void setRetentionHours(int retentionHours) {
        this.retentionHours = retentionHours;
    }

    public String getEncryptionType() {
        return encryptionType;
    }

    public String getKmsKeyId() {
        return kmsKeyId;
    }

    public Long getDataKeyId() {
        return dataKeyId;
    }

    /** Seals new records with {@code dataKeyId} under the KMS key named {@code kmsKeyId}; nulls turn encryption off. */
    public void setEncryption(String kmsKeyId, Long dataKeyId) {
        this.encryptionType = dataKeyId == null ? "NONE" : "KMS";
        this.kmsKeyId = kmsKeyId;
        this.dataKeyId = dataKeyId;
    }

    public int getMaxRecordSizeKiB() {
        return maxRecordSizeKiB;
    }

    public void setMaxRecordSizeKiB(int maxRecordSizeKiB) {
        this.maxRecordSizeKiB = maxRecordSizeKiB;
    }

    /** The enabled shard-level metrics, in the order of {@link ShardLevelMetric}. */
    public List<String> getShardLevelMetrics() {
        return shardLevelMetrics.isEmpty() ? List.of() : List.of(shardLevelMetrics.split(","));
    }

    public void setShardLevelMetrics(List<String> metrics) {
        this.shardLevelMetrics = String.join(",", metrics);
    }

    public String getResourcePolicy() {
        return resourcePolicy;
    }

    public void setResourcePolicy(String resourcePolicy) {
        this.resourcePolicy = resourcePolicy;
    }

    /** How many UpdateShardCount operations were made at or after {@code since}. */
    long scalingsSince(Instant since) {
        return scalings.stream().filter(at -> !at.isBefore(since)).count();
    }

    /** Records an UpdateShardCount made at {@code at}, forgetting those older than {@code keepSince}. */
    void recordScaling(Instant at, Instant keepSince) {
        scalings.removeIf(t -> t.isBefore(keepSince));
        scalings.add(at);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<ShardEntity> getShards() {
        return shards;
    }

    public Map<String, String> getTags() {
        return tags;
    }
}
