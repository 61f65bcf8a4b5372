package io.sluice.analytics.application;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ApplicationRepository extends Repository<ApplicationEntity, Long> {

    ApplicationEntity save(ApplicationEntity entity);

    Optional<ApplicationEntity> findByAccountIdAndRegionAndName(String accountId, String region, String name);

    /** The row, locked until the transaction ends: changes to one application are made one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from ApplicationEntity a where a.accountId = ?1 and a.region = ?2 and a.name = ?3")
    Optional<ApplicationEntity> findForUpdate(String accountId, String region, String name);

    @Query("select a from ApplicationEntity a where a.accountId = ?1 and a.region = ?2 and a.name > ?3 order by a.name")
    List<ApplicationEntity> findPage(String accountId, String region, String after, Pageable page);

    long countByAccountIdAndRegion(String accountId, String region);

    List<ApplicationEntity> findByStatusIn(Collection<String> statuses);

    long deleteByAccountIdAndRegionAndName(String accountId, String region, String name);
}
