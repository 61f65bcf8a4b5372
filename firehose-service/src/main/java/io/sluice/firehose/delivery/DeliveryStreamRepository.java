package io.sluice.firehose.delivery;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface DeliveryStreamRepository extends Repository<DeliveryStreamEntity, Long> {

    DeliveryStreamEntity save(DeliveryStreamEntity entity);

    Optional<DeliveryStreamEntity> findByAccountIdAndRegionAndName(String accountId, String region, String name);

    @Query("select d from DeliveryStreamEntity d where d.accountId = ?1 and d.region = ?2 and d.name > ?3 order by d.name")
    List<DeliveryStreamEntity> findPage(String accountId, String region, String after, Pageable page);

    @Query("select d from DeliveryStreamEntity d where d.accountId = ?1 and d.region = ?2 and d.name > ?3 "
            + "and d.type = ?4 order by d.name")
    List<DeliveryStreamEntity> findPageOfType(String accountId, String region, String after, String type, Pageable page);

    long countByAccountIdAndRegion(String accountId, String region);

    List<DeliveryStreamEntity> findByStatusIn(java.util.Collection<String> statuses);

    long deleteByAccountIdAndRegionAndName(String accountId, String region, String name);
}
