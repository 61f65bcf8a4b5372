package io.sluice.streams.record;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Component;

/** Appends records to shard partitions through the service's one idempotent, acks=all producer. */
@Component
class RecordWriter {
    private final KafkaProducer<byte[], byte[]> producer;

    RecordWriter(KafkaProducer<byte[], byte[]> recordProducer) {
        this.producer = recordProducer;
    }

    /** Completes once every in-sync replica has the record. */
    CompletableFuture<RecordMetadata> append(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
