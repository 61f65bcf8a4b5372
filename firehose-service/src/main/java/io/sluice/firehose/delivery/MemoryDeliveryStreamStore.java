package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The in-memory twin of the delivery stream store, for unit tests of the logic above it. */
public final class MemoryDeliveryStreamStore implements DeliveryStreamStore {
    private final ConcurrentSkipListMap<String, DeliveryStream> streams = new ConcurrentSkipListMap<>();

    private static String key(Caller owner, String name) {
        return owner.accountId() + "/" + owner.region() + "/" + name;
    }

    @Override
    public boolean create(DeliveryStream stream) {
        return streams.putIfAbsent(key(stream.owner(), stream.name()), stream) == null;
    }

    @Override
    public Optional<DeliveryStream> find(Caller owner, String name) {
        return Optional.ofNullable(streams.get(key(owner, name)));
    }

    @Override
    public List<DeliveryStream> list(Caller owner, String type, String after, int limit) {
        return streams.tailMap(key(owner, after), false).values().stream()
                .filter(s -> s.owner().equals(owner))
                .filter(s -> type == null || s.type().equals(type))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean delete(Caller owner, String name) {
        return streams.remove(key(owner, name)) != null;
    }
}
