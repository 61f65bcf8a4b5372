package io.sluice.streams.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.kinesis.HashKeyRange;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.metadata.MemoryStreamStore;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamMode;
import io.sluice.streams.metadata.StreamStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The catalog's cache: never older than its TTL, refreshed in the background from half of it. */
class StreamCatalogTest {
    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private final MemoryStreamStore store = new MemoryStreamStore();
    private final AtomicLong elapsed = new AtomicLong();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final StreamCatalog catalog = new StreamCatalog(store, new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return START.plusMillis(elapsed.get());
        }
    }, new StreamsProperties("000000000000", "us-east-1", null, null, Duration.ofSeconds(1), null, null, null, null, null),
            background::add);
    private final StreamKey key = new StreamKey("000000000000", "us-east-1", "orders");

    @Test
    void anEntryInUseIsReadAgainInTheBackgroundAndNeverServedOlderThanItsTtl() {
        long id = store.create(StoredStream.created(key, "topic", StreamMode.PROVISIONED, 24, 1024, START,
                List.of(Shard.opened(0, HashKeyRange.evenSplit(1).get(0), null, null, START)), Map.of())).id();
        assertThat(status()).isEqualTo(StreamStatus.CREATING);
        changeElsewhere(id, StreamStatus.ACTIVE);

        at(400);
        assertThat(status()).as("younger than half the TTL: served, nothing read").isEqualTo(StreamStatus.CREATING);
        assertThat(background).isEmpty();

        at(600);
        assertThat(status()).as("served while it is read again").isEqualTo(StreamStatus.CREATING);
        assertThat(status()).isEqualTo(StreamStatus.CREATING);
        assertThat(background).as("one read in the background, however many requests").hasSize(1);
        background.poll().run();
        assertThat(status()).isEqualTo(StreamStatus.ACTIVE);

        // The background read does not finish: at the TTL the request reads it itself.
        changeElsewhere(id, StreamStatus.UPDATING);
        at(1_200);
        assertThat(status()).isEqualTo(StreamStatus.ACTIVE);
        Runnable late = background.poll();
        at(1_600);
        assertThat(status()).as("read when the entry reached the TTL").isEqualTo(StreamStatus.UPDATING);
        changeElsewhere(id, StreamStatus.ACTIVE);
        late.run();
        assertThat(status()).as("a late read does not replace a newer entry").isEqualTo(StreamStatus.UPDATING);

        // A local change invalidates at once; a background read begun before it is dropped.
        at(2_200);
        status();
        Runnable begun = background.poll();
        catalog.invalidate(key, id);
        changeElsewhere(id, StreamStatus.DELETING);
        begun.run();
        assertThat(status()).isEqualTo(StreamStatus.DELETING);
    }

    private StreamStatus status() {
        return catalog.find(key).map(Stream::status).orElseThrow();
    }

    private void at(long millis) {
        elapsed.set(millis);
    }

    private void changeElsewhere(long id, StreamStatus status) {
        store.update(id, s -> s.withStatus(status));
    }
}
