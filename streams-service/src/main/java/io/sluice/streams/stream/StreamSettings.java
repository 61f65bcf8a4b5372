package io.sluice.streams.stream;

import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.StoredStream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.metadata.StreamStore;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The per-stream settings that live only in the database (tags, shard-level metrics, resource
 * policy): each read or change in one transaction; a change drops the cached snapshot once
 * committed.
 */
@Component
public class StreamSettings {
    /** Shard-level metrics before and after a change. */
    public record MetricsChange(List<String> before, List<String> after) {
    }

    private final StreamStore store;
    private final StreamCatalog catalog;

    public StreamSettings(StreamStore store, StreamCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** A copy of the stream's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public Map<String, String> tags(StreamKey key) {
        return existing(key).tags();
    }

    /** Applies {@code change} to the stream's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void updateTags(StreamKey key, Consumer<Map<String, String>> change) {
        update(key, stream -> stream.withTags(tags -> {
            change.accept(tags);
            return tags;
        }));
    }

    /** Replaces the enabled shard-level metrics. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public MetricsChange updateShardLevelMetrics(StreamKey key, UnaryOperator<List<String>> change) {
        List<List<String>> before = new java.util.ArrayList<>(1);
        StoredStream changed = update(key, stream -> {
            before.clear();
            before.add(stream.shardLevelMetrics());
            return stream.withShardLevelMetrics(change.apply(stream.shardLevelMetrics()));
        });
        return new MetricsChange(before.get(0), changed.shardLevelMetrics());
    }

    /** The stream's resource policy, null when it has none. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public String resourcePolicy(StreamKey key) {
        return existing(key).resourcePolicy();
    }

    /** Sets (or with null removes) the resource policy. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void setResourcePolicy(StreamKey key, String policy) {
        update(key, stream -> stream.withResourcePolicy(policy));
    }

    private StoredStream update(StreamKey key, UnaryOperator<StoredStream> change) {
        StoredStream changed = store.update(key, change).orElseThrow(() -> StreamCatalog.notFound(key));
        catalog.invalidate(key, changed.id());
        return changed;
    }

    private StoredStream existing(StreamKey key) {
        return store.find(key).orElseThrow(() -> StreamCatalog.notFound(key));
    }
}
