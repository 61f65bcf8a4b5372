package io.sluice.common.account;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Resources of many owners kept in memory by owner and name, listed in name order: what the
 * in-memory twins of the services' stores keep (the stores themselves keep it in PostgreSQL).
 *
 * @param <T> the resource
 */
public final class OwnedIndex<T> {
    private final ConcurrentSkipListMap<String, T> byKey = new ConcurrentSkipListMap<>();
    private final Function<T, Caller> owner;
    private final Function<T, String> name;

    public OwnedIndex(Function<T, Caller> owner, Function<T, String> name) {
        this.owner = owner;
        this.name = name;
    }

    private static String key(Caller owner, String name) {
        // '/' sorts before every character a resource name may hold, so an owner's names stay together.
        return owner.accountId() + "/" + owner.region() + "/" + name;
    }

    /** Adds a resource unless its owner has one of that name; returns whether it was added. */
    public boolean putIfAbsent(T resource) {
        return byKey.putIfAbsent(key(owner.apply(resource), name.apply(resource)), resource) == null;
    }

    public Optional<T> get(Caller owner, String name) {
        return Optional.ofNullable(byKey.get(key(owner, name)));
    }

    /** The owner's resources after {@code after} in name order that {@code filter} keeps, at most {@code limit}. */
    public List<T> list(Caller owner, String after, Predicate<T> filter, int limit) {
        return byKey.tailMap(key(owner, after), false).values().stream()
                .takeWhile(r -> this.owner.apply(r).equals(owner))
                .filter(filter)
                .limit(limit)
                .toList();
    }

    /** Every resource of every owner. */
    public List<T> all() {
        return List.copyOf(byKey.values());
    }

    public boolean remove(Caller owner, String name) {
        return byKey.remove(key(owner, name)) != null;
    }

    /**
     * Replaces a resource with what {@code change} makes of it (its owner and name stay); callers
     * that change concurrently hold their own lock, as the in-memory stores do.
     *
     * @return the changed resource, or empty when there is none
     */
    public java.util.Optional<T> replace(Caller owner, String name, java.util.function.UnaryOperator<T> change) {
        return get(owner, name).map(current -> {
            T changed = change.apply(current);
            byKey.put(key(owner, name), changed);
            return changed;
        });
    }
}
