package io.sluice.streams.metadata;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** An enhanced fan-out consumer's row. */
@Entity
@Table(name = "stream_consumer")
public class ConsumerEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "stream_id")
    private StreamEntity stream;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ConsumerStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "resource_policy")
    private String resourcePolicy;

    @ElementCollection
    @CollectionTable(name = "stream_consumer_tag", joinColumns = @JoinColumn(name = "consumer_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value")
    private Map<String, String> tags = new TreeMap<>();

    protected ConsumerEntity() {
    }

    ConsumerEntity(StreamEntity stream, String name, Instant createdAt, Map<String, String> tags) {
        this.stream = stream;
        this.name = name;
        this.createdAt = createdAt;
        this.status = ConsumerStatus.CREATING;
        this.tags.putAll(tags);
    }

    StoredConsumer toStored() {
        return new StoredConsumer(id, stream.getId(), name, status, createdAt, tags, resourcePolicy);
    }

    void apply(StoredConsumer changed) {
        this.status = changed.status();
        this.resourcePolicy = changed.resourcePolicy();
        if (!tags.equals(changed.tags())) {
            tags.clear();
            tags.putAll(changed.tags());
        }
    }
}
