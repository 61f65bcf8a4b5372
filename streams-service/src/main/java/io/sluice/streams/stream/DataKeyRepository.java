package io.sluice.streams.stream;

import org.springframework.data.jpa.repository.JpaRepository;

interface DataKeyRepository extends JpaRepository<DataKeyEntity, Long> {

    java.util.List<DataKeyEntity> findByStreamId(long streamId);
}
