package io.sluice.streams.stream;

import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Transactional access to a stream's tag map, for the tag API. */
@Component
public class StreamTags {
    private final StreamRepository repository;

    StreamTags(StreamRepository repository) {
        this.repository = repository;
    }

    /** A copy of the stream's tags. @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    @Transactional(readOnly = true)
    public Map<String, String> read(StreamKey key) {
        return Map.copyOf(existing(key).getTags());
    }

    /** Applies {@code change} to the stream's tags in one transaction. */
    @Transactional
    public void update(StreamKey key, Consumer<Map<String, String>> change) {
        change.accept(existing(key).getTags());
    }

    private StreamEntity existing(StreamKey key) {
        return repository.findByKey(key).orElseThrow(() -> StreamCatalog.notFound(key));
    }
}
