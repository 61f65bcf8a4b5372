package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The in-memory twin of the application store, for unit tests of the logic above it. */
public final class MemoryApplicationStore implements ApplicationStore {
    private final ConcurrentSkipListMap<String, Application> applications = new ConcurrentSkipListMap<>();

    private static String key(Caller owner, String name) {
        return owner.accountId() + "/" + owner.region() + "/" + name;
    }

    @Override
    public boolean create(Application application) {
        return applications.putIfAbsent(key(application.owner(), application.name()), application) == null;
    }

    @Override
    public Optional<Application> find(Caller owner, String name) {
        return Optional.ofNullable(applications.get(key(owner, name)));
    }

    @Override
    public List<Application> list(Caller owner, String after, int limit) {
        return applications.tailMap(key(owner, after), false).values().stream()
                .filter(a -> a.owner().equals(owner))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean delete(Caller owner, String name) {
        return applications.remove(key(owner, name)) != null;
    }
}
