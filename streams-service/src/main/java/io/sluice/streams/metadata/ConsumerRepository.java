package io.sluice.streams.metadata;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConsumerRepository extends JpaRepository<ConsumerEntity, Long> {

    @Query("select c from ConsumerEntity c where c.stream.id = ?1 and c.name = ?2")
    Optional<ConsumerEntity> findByName(long streamId, String name);

    @Query("select c from ConsumerEntity c where c.stream.id = ?1 and c.name > ?2 order by c.name")
    List<ConsumerEntity> findPage(long streamId, String afterName, Pageable page);

    @Query("select count(c) from ConsumerEntity c where c.stream.id = ?1")
    long countByStream(long streamId);

    List<ConsumerEntity> findByStatusIn(java.util.Collection<ConsumerStatus> statuses);
}
