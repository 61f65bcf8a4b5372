package io.sluice.streams.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.MemoryStreamStore;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import io.sluice.streams.stream.StreamCatalog;
import io.sluice.streams.stream.StreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data keys and per-stream settings over the in-memory twin of the metadata store: no database. */
class StreamKeysTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final MemoryStreamStore store = new MemoryStreamStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final StreamCatalog catalog = new StreamCatalog(store, clock,
            new StreamsProperties("000000000000", "us-east-1", null, null, Duration.ofSeconds(1), null, null, null, null, null));
    private final StreamKeys keys = new StreamKeys(store, catalog, clock);
    private final StreamKey key = new StreamKey("000000000000", "us-east-1", "orders");

    private StoredStream stream(StreamStatus status) {
        StoredStream created = store.create(StoredStream.created(key, "topic", StreamMode.PROVISIONED, 24, 1024, NOW,
                List.of(Shard.opened(0, HashKeyRange.evenSplit(1).get(0), null, null, NOW)), Map.of()));
        return store.update(created.id(), s -> s.withStatus(status)).orElseThrow();
    }

    @Test
    void startingGivesTheStreamANewDataKeyEachTimeAndStoppingKeepsTheOldOnes() {
        long id = stream(StreamStatus.ACTIVE).id();
        keys.start(key, "alias/a", new byte[] {1});
        Long first = catalog.require(key).dataKeyId();
        assertThat(first).isNotNull();
        assertThat(catalog.require(key).encryptionType()).as("the cached snapshot was invalidated").isEqualTo("KMS");
        keys.stop(key);
        assertThat(catalog.require(key).dataKeyId()).isNull();
        keys.start(key, "alias/b", new byte[] {2});
        assertThat(catalog.require(key).dataKeyId()).isNotEqualTo(first);
        assertThat(keys.allWrapped(id)).hasSize(2);
        assertThat(keys.wrapped(first)).hasValueSatisfying(k -> assertThat(k).containsExactly(1));
    }

    @Test
    void aStreamThatIsNotActiveIsRefusedAndKeepsNoKey() {
        long id = stream(StreamStatus.UPDATING).id();
        assertThatThrownBy(() -> keys.start(key, "alias/a", new byte[] {1}))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_IN_USE));
        assertThat(keys.allWrapped(id)).as("the key added inside the refused change is rolled back").isEmpty();
        assertThatThrownBy(() -> keys.stop(new StreamKey("000000000000", "us-east-1", "missing")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void settingsChangeOneTransactionAtATime() {
        stream(StreamStatus.ACTIVE);
        StreamSettings settings = new StreamSettings(store, catalog);
        settings.updateTags(key, tags -> tags.put("team", "payments"));
        assertThat(settings.tags(key)).containsExactly(Map.entry("team", "payments"));
        StreamSettings.MetricsChange change = settings.updateShardLevelMetrics(key, before -> List.of("IncomingBytes"));
        assertThat(change.before()).isEmpty();
        assertThat(change.after()).containsExactly("IncomingBytes");
        settings.setResourcePolicy(key, "{\"Version\":\"2012-10-17\"}");
        assertThat(settings.resourcePolicy(key)).contains("2012-10-17");
    }
}
