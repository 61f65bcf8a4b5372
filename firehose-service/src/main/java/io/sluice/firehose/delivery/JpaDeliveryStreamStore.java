package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The delivery stream store on the service's PostgreSQL database. */
@Component
class JpaDeliveryStreamStore implements DeliveryStreamStore {
    private final DeliveryStreamRepository repository;

    JpaDeliveryStreamStore(DeliveryStreamRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean create(DeliveryStream stream) {
        try {
            repository.save(new DeliveryStreamEntity(stream));
            return true;
        } catch (DataIntegrityViolationException e) {
            // The unique (account, region, name) constraint: another request created it first.
            return false;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<DeliveryStream> find(Caller owner, String name) {
        return repository.findByAccountIdAndRegionAndName(owner.accountId(), owner.region(), name)
                .map(DeliveryStreamEntity::toDeliveryStream);
    }

    @Override
    @Transactional(readOnly = true)
    public List<DeliveryStream> list(Caller owner, String type, String after, int limit) {
        PageRequest page = PageRequest.of(0, limit);
        List<DeliveryStreamEntity> found = type == null
                ? repository.findPage(owner.accountId(), owner.region(), after, page)
                : repository.findPageOfType(owner.accountId(), owner.region(), after, type, page);
        return found.stream()
                .map(DeliveryStreamEntity::toDeliveryStream)
                .toList();
    }

    @Override
    @Transactional
    public Optional<DeliveryStream> update(Caller owner, String name, java.util.function.UnaryOperator<DeliveryStream> change) {
        return repository.findByAccountIdAndRegionAndName(owner.accountId(), owner.region(), name).map(entity -> {
            entity.apply(change.apply(entity.toDeliveryStream()));
            return entity.toDeliveryStream();
        });
    }

    @Override
    @Transactional(readOnly = true)
    public long count(Caller owner) {
        return repository.countByAccountIdAndRegion(owner.accountId(), owner.region());
    }

    @Override
    @Transactional(readOnly = true)
    public List<DeliveryStream> withStatus(java.util.Collection<String> statuses) {
        return repository.findByStatusIn(statuses).stream().map(DeliveryStreamEntity::toDeliveryStream).toList();
    }

    @Override
    @Transactional
    public boolean delete(Caller owner, String name) {
        return repository.deleteByAccountIdAndRegionAndName(owner.accountId(), owner.region(), name) > 0;
    }
}
