package io.sluice.streams.metadata;

import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.common.kinesis.ShardId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A shard's row: its hash-key range, lineage and the Kafka offsets it spans. */
@Entity
@Table(name = "shard")
public class ShardEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "stream_id")
    private StreamEntity stream;

    @Column(name = "shard_index", nullable = false)
    private int shardIndex;

    @Column(name = "hash_key_start", nullable = false, precision = 39)
    private BigDecimal hashKeyStart;

    @Column(name = "hash_key_end", nullable = false, precision = 39)
    private BigDecimal hashKeyEnd;

    @Column(name = "parent_index")
    private Integer parentIndex;

    @Column(name = "adjacent_parent_index")
    private Integer adjacentParentIndex;

    @Column(name = "starting_offset", nullable = false)
    private long startingOffset;

    @Column(name = "ending_offset")
    private Long endingOffset;

    @Column(nullable = false)
    private boolean closed;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected ShardEntity() {
    }

    ShardEntity(StreamEntity stream, Shard shard) {
        this.stream = stream;
        this.shardIndex = shard.id().index();
        this.hashKeyStart = new BigDecimal(shard.range().start());
        this.hashKeyEnd = new BigDecimal(shard.range().end());
        this.parentIndex = shard.parent() == null ? null : shard.parent().index();
        this.adjacentParentIndex = shard.adjacentParent() == null ? null : shard.adjacentParent().index();
        this.startingOffset = shard.startingOffset();
        this.endingOffset = shard.endingOffset();
        this.closed = shard.closed();
        this.openedAt = shard.openedAt();
        this.closedAt = shard.closedAt();
    }

    /** Writes what a shard may change (closing, sealing) onto this row. */
    void apply(Shard shard) {
        this.closed = shard.closed();
        this.closedAt = shard.closedAt();
        this.endingOffset = shard.endingOffset();
    }

    Shard toShard() {
        return new Shard(
                new ShardId(shardIndex),
                new HashKeyRange(hashKeyStart.toBigIntegerExact(), hashKeyEnd.toBigIntegerExact()),
                parentIndex == null ? null : new ShardId(parentIndex),
                adjacentParentIndex == null ? null : new ShardId(adjacentParentIndex),
                startingOffset,
                endingOffset,
                closed,
                openedAt,
                closedAt);
    }
}
