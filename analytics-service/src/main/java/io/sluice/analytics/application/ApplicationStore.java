package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import java.util.List;
import java.util.Optional;

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

    /** @return whether there was such an application */
    boolean delete(Caller owner, String name);
}
