package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.account.OwnedIndex;
import java.util.List;
import java.util.Optional;

/** The in-memory twin of the delivery stream store, for unit tests of the logic above it. */
public final class MemoryDeliveryStreamStore implements DeliveryStreamStore {
    private final OwnedIndex<DeliveryStream> streams = new OwnedIndex<>(DeliveryStream::owner, DeliveryStream::name);

    @Override
    public boolean create(DeliveryStream stream) {
        return streams.putIfAbsent(stream);
    }

    @Override
    public Optional<DeliveryStream> find(Caller owner, String name) {
        return streams.get(owner, name);
    }

    @Override
    public List<DeliveryStream> list(Caller owner, String type, String after, int limit) {
        return streams.list(owner, after, s -> type == null || s.type().equals(type), limit);
    }

    @Override
    public synchronized Optional<DeliveryStream> update(Caller owner, String name,
            java.util.function.UnaryOperator<DeliveryStream> change) {
        return streams.replace(owner, name, change);
    }

    @Override
    public long count(Caller owner) {
        return streams.all().stream().filter(s -> s.owner().equals(owner)).count();
    }

    @Override
    public List<DeliveryStream> withStatus(java.util.Collection<String> statuses) {
        return streams.all().stream().filter(s -> statuses.contains(s.status())).toList();
    }

    @Override
    public boolean delete(Caller owner, String name) {
        return streams.remove(owner, name);
    }
}
