package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The application store on the service's PostgreSQL database. */
@Component
class JpaApplicationStore implements ApplicationStore {
    private final ApplicationRepository repository;

    JpaApplicationStore(ApplicationRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean create(Application application) {
        try {
            repository.save(new ApplicationEntity(application));
            return true;
        } catch (DataIntegrityViolationException e) {
            // The unique (account, region, name) constraint: another request created it first.
            return false;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Application> find(Caller owner, String name) {
        return repository.findByAccountIdAndRegionAndName(owner.accountId(), owner.region(), name)
                .map(ApplicationEntity::toApplication);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Application> list(Caller owner, String after, int limit) {
        return repository.findPage(owner.accountId(), owner.region(), after, PageRequest.of(0, limit)).stream()
                .map(ApplicationEntity::toApplication)
                .toList();
    }

    @Override
    @Transactional
    public Optional<Application> update(Caller owner, String name, java.util.function.UnaryOperator<Application> change) {
        return repository.findForUpdate(owner.accountId(), owner.region(), name).map(entity -> {
            Application changed = change.apply(entity.toApplication());
            entity.apply(changed);
            return changed;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public long count(Caller owner) {
        return repository.countByAccountIdAndRegion(owner.accountId(), owner.region());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Application> withStatus(java.util.Collection<String> statuses) {
        return repository.findByStatusIn(statuses).stream().map(ApplicationEntity::toApplication).toList();
    }

    @Override
    @Transactional
    public boolean delete(Caller owner, String name) {
        return repository.deleteByAccountIdAndRegionAndName(owner.accountId(), owner.region(), name) > 0;
    }
}
