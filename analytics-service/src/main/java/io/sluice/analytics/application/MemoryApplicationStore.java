package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import io.sluice.common.account.OwnedIndex;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The in-memory twin of the application store, for unit tests of the logic above it. */
public final class MemoryApplicationStore implements ApplicationStore {
    private final OwnedIndex<Application> applications = new OwnedIndex<>(Application::owner, Application::name);

    @Override
    public synchronized boolean create(Application application) {
        return applications.putIfAbsent(application);
    }

    @Override
    public synchronized Optional<Application> find(Caller owner, String name) {
        return applications.get(owner, name);
    }

    @Override
    public synchronized List<Application> list(Caller owner, String after, int limit) {
        return applications.list(owner, after, a -> true, limit);
    }

    @Override
    public synchronized Optional<Application> update(Caller owner, String name, UnaryOperator<Application> change) {
        return applications.replace(owner, name, change);
    }

    @Override
    public synchronized long count(Caller owner) {
        return applications.all().stream().filter(a -> a.owner().equals(owner)).count();
    }

    @Override
    public synchronized List<Application> withStatus(Collection<String> statuses) {
        return applications.all().stream().filter(a -> statuses.contains(a.status())).toList();
    }

    @Override
    public synchronized boolean delete(Caller owner, String name) {
        return applications.remove(owner, name);
    }
}
