package io.sluice.analytics.application;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ApplicationRepository extends Repository<ApplicationEntity, Long> {

    ApplicationEntity save(ApplicationEntity entity);

    Optional<ApplicationEntity> findByAccountIdAndRegionAndName(String accountId, String region, String name);

    @Query("select a from ApplicationEntity a where a.accountId = ?1 and a.region = ?2 and a.name > ?3 order by a.name")
    List<ApplicationEntity> findPage(String accountId, String region, String after, Pageable page);

    long deleteByAccountIdAndRegionAndName(String accountId, String region, String name);
}
