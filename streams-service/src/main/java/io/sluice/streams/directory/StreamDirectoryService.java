package io.sluice.streams.directory;

import io.sluice.kafka.directory.StreamLocation;
import io.sluice.common.crypto.MasterKey;
import io.sluice.streams.encryption.StreamKeys;
import io.sluice.streams.metadata.Shard;
import io.sluice.streams.metadata.Stream;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.StreamCatalog;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The stream directory: what another Sluice service needs to read and write a stream as Kinesis
 * would, from the same snapshots the record path uses, with the stream's data keys unwrapped.
 */
@Service
public class StreamDirectoryService {
    private final StreamCatalog catalog;
    private final StreamKeys keys;
    private final MasterKey master;

    StreamDirectoryService(StreamCatalog catalog, StreamKeys keys, MasterKey master) {
        this.catalog = catalog;
        this.keys = keys;
        this.master = master;
    }

    /** The stream's location, or empty when there is no such stream. */
    public Optional<StreamLocation> locate(StreamKey key) {
        return catalog.find(key).map(this::location);
    }

    private StreamLocation location(Stream stream) {
        Map<Long, String> dataKeys = new LinkedHashMap<>();
        keys.allWrapped(stream.id()).forEach((id, wrapped) ->
                dataKeys.put(id, Base64.getEncoder().encodeToString(master.unwrap(wrapped))));
        return new StreamLocation(stream.key().name(), stream.arn(), stream.topic(), stream.status().name(),
                stream.shards().stream().map(StreamDirectoryService::shard).toList(), dataKeys, stream.dataKeyId());
    }

    private static StreamLocation.ShardLocation shard(Shard shard) {
        return new StreamLocation.ShardLocation(shard.id().toString(), shard.partition(),
                shard.range().start().toString(), shard.range().end().toString(),
                shard.parent() == null ? null : shard.parent().toString(),
                shard.adjacentParent() == null ? null : shard.adjacentParent().toString(),
                shard.open(), shard.endingOffset());
    }
}
