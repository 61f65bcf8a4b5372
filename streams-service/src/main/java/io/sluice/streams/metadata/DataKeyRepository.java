package io.sluice.streams.metadata;

import org.springframework.data.jpa.repository.JpaRepository;

interface DataKeyRepository extends JpaRepository<DataKeyEntity, Long> {

    java.util.List<DataKeyEntity> findByStreamId(long streamId);
}
