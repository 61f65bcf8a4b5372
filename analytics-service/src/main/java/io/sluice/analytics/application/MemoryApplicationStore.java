package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import io.sluice.common.account.OwnedIndex;
import java.util.List;
import java.util.Optional;

/** The in-memory twin of the application store, for unit tests of the logic above it. */
public final class MemoryApplicationStore implements ApplicationStore {
    private final OwnedIndex<Application> applications = new OwnedIndex<>(Application::owner, Application::name);

    @Override
    public boolean create(Application application) {
        return applications.putIfAbsent(application);
    }

    @Override
    public Optional<Application> find(Caller owner, String name) {
        return applications.get(owner, name);
    }

    @Override
    public List<Application> list(Caller owner, String after, int limit) {
        return applications.list(owner, after, a -> true, limit);
    }

    @Override
    public boolean delete(Caller owner, String name) {
        return applications.remove(owner, name);
    }
}
