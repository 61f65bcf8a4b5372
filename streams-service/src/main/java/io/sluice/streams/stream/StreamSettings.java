package io.sluice.streams.stream;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

    private final StreamRepository repository;
    private final StreamCatalog catalog;
    private final TransactionTemplate transactions;

    StreamSettings(StreamRepository repository, StreamCatalog catalog, TransactionTemplate transactions) {
        this.repository = repository;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    /** A copy of the stream's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public Map<String, String> tags(StreamKey key) {
        return read(key, stream -> Map.copyOf(stream.getTags()));
    }

    /** Applies {@code change} to the stream's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void updateTags(StreamKey key, Consumer<Map<String, String>> change) {
        update(key, stream -> {
            change.accept(stream.getTags());
            return null;
        });
    }

    /** Replaces the enabled shard-level metrics. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public MetricsChange updateShardLevelMetrics(StreamKey key, UnaryOperator<List<String>> change) {
        return update(key, stream -> {
            List<String> before = stream.getShardLevelMetrics();
            List<String> after = change.apply(before);
            stream.setShardLevelMetrics(after);
            return new MetricsChange(before, after);
        });
    }

    /** The stream's resource policy, null when it has none. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public String resourcePolicy(StreamKey key) {
        return read(key, StreamEntity::getResourcePolicy);
    }

    /** Sets (or with null removes) the resource policy. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void setResourcePolicy(StreamKey key, String policy) {
        update(key, stream -> {
            stream.setResourcePolicy(policy);
            return null;
        });
    }

    private <T> T read(StreamKey key, Function<StreamEntity, T> reader) {
        return transactions.execute(tx -> reader.apply(existing(key)));
    }

    private <T> T update(StreamKey key, Function<StreamEntity, T> change) {
        Changed<T> changed = transactions.execute(tx -> {
            StreamEntity stream = existing(key);
            return new Changed<>(stream.getId(), change.apply(stream));
        });
        catalog.invalidate(key, changed.streamId());
        return changed.result();
    }

    private record Changed<T>(long streamId, T result) {
    }

    private StreamEntity existing(StreamKey key) {
        return repository.findByKey(key).orElseThrow(() -> StreamCatalog.notFound(key));
    }
}
