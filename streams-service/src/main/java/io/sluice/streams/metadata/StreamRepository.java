package io.sluice.streams.metadata;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface StreamRepository extends JpaRepository<StreamEntity, Long> {

    @Query("select s from StreamEntity s left join fetch s.shards where s.accountId = ?1 and s.region = ?2 and s.name = ?3")
    Optional<StreamEntity> findByKey(String accountId, String region, String name);

    default Optional<StreamEntity> findByKey(StreamKey key) {
        return findByKey(key.accountId(), key.region(), key.name());
    }

    @Query("select s from StreamEntity s left join fetch s.shards where s.id = ?1")
    Optional<StreamEntity> findWithShards(long id);

    @Query("select s from StreamEntity s where s.accountId = ?1 and s.region = ?2 and s.name > ?3 order by s.name")
    List<StreamEntity> findPage(String accountId, String region, String afterName, Pageable page);

    @Query("select count(sh) from ShardEntity sh join sh.stream s "
            + "where s.accountId = ?1 and s.region = ?2 and sh.closed = false")
    long countOpenShards(String accountId, String region);

    @Query("select count(s) from StreamEntity s where s.accountId = ?1 and s.region = ?2 and s.mode = ?3")
    long countByMode(String accountId, String region, StreamMode mode);

    List<StreamEntity> findByStatusIn(java.util.Collection<StreamStatus> statuses);
}
