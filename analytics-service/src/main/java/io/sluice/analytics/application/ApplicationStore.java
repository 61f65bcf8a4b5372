package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where applications are kept: PostgreSQL in the service ({@link JpaApplicationStore}), memory in
 * unit tests of the logic above it ({@link MemoryApplicationStore}). Both pass the same contract test.
 */
public interface ApplicationStore {

    /** @return false when the owner already has an application of that name (nothing is changed) */
    boolean create(Application application);

    Optional<Application> find(Caller owner, String name);

    /** The owner's applications in name order, after {@code after} ("" for the first), at most {@code limit}. */
    List<Application> list(Caller owner, String after, int limit);

    /**
     * Applies {@code change} to the application, one change at a time (a concurrent one waits), and
     * keeps what it returns (owner and name stay). {@code change} may throw to refuse.
     *
     * @return the changed application, or empty when there is none
     */
    Optional<Application> update(Caller owner, String name, UnaryOperator<Application> change);

    /** How many applications the owner has, in any status. */
    long count(Caller owner);

    /** Every application in one of {@code statuses}, of every owner (the engine resumes them at start). */
    List<Application> withStatus(Collection<String> statuses);

    /** @return whether there was such an application */
    boolean delete(Caller owner, String name);
}
