package io.sluice.streams.metadata;

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

    /** A new row for a stream the store creates. */
    StreamEntity(StoredStream stream) {
        this(stream.key(), stream.topic(), stream.mode(), stream.retentionHours(), stream.maxRecordSizeKiB(), stream.createdAt());
        apply(stream);
    }

    StoredStream toStored() {
        return new StoredStream(id, key(), topic, status, mode, retentionHours, kmsKeyId, dataKeyId, maxRecordSizeKiB,
                getShardLevelMetrics(), resourcePolicy, scalings, createdAt, shards.stream().map(ShardEntity::toShard).toList(),
                tags);
    }

    /** Writes a changed stream back onto this row and its shards (new shards are added, known ones updated). */
    void apply(StoredStream changed) {
        this.status = changed.status();
        this.mode = changed.mode();
        this.retentionHours = changed.retentionHours();
        setEncryption(changed.kmsKeyId(), changed.dataKeyId());
        this.maxRecordSizeKiB = changed.maxRecordSizeKiB();
        setShardLevelMetrics(changed.shardLevelMetrics());
        this.resourcePolicy = changed.resourcePolicy();
        // Element collections are rewritten whole when touched: leave them alone unless they changed.
        if (!scalings.equals(changed.scalings())) {
            scalings.clear();
            scalings.addAll(changed.scalings());
        }
        if (!tags.equals(changed.tags())) {
            tags.clear();
            tags.putAll(changed.tags());
        }
        for (Shard shard : changed.shards()) {
            if (shard.partition() < shards.size()) {
                shards.get(shard.partition()).apply(shard);
            } else {
                shards.add(new ShardEntity(this, shard));
            }
        }
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

    private void setEncryption(String kmsKeyId, Long dataKeyId) {
        this.encryptionType = dataKeyId == null ? "NONE" : "KMS";
        this.kmsKeyId = kmsKeyId;
        this.dataKeyId = dataKeyId;
    }

    /** The enabled shard-level metrics, in the order of the stream package's ShardLevelMetric. */
    private List<String> getShardLevelMetrics() {
        return shardLevelMetrics.isEmpty() ? List.of() : List.of(shardLevelMetrics.split(","));
    }

    private void setShardLevelMetrics(List<String> metrics) {
        this.shardLevelMetrics = String.join(",", metrics);
    }
}
