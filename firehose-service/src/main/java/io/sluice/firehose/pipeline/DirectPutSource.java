package io.sluice.firehose.pipeline;

import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamCache;
import io.sluice.firehose.delivery.DeliveryTopics;
import io.sluice.firehose.encryption.RecordCipher;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The DirectPut delivery streams' own topics: one per stream, named after it, records sealed while encryption is on. */
final class DirectPutSource implements Source {
    private final DeliveryStreamCache streams;
    private final RecordCipher cipher;

    DirectPutSource(DeliveryStreamCache streams, RecordCipher cipher) {
        this.streams = streams;
        this.cipher = cipher;
    }

    @Override
    public Optional<DeliveryStream> streamOf(String topic) {
        return DeliveryTopics.ownerOf(topic).flatMap(owner -> streams.find(owner.owner(), owner.name())
                .filter(s -> s.createdAt().toEpochMilli() == owner.createdMillis() && s.status().equals("ACTIVE")
                        && s.destination() != null));
    }

    @Override
    public byte[] dataOf(DeliveryStream stream, ConsumerRecord<byte[], byte[]> record) {
        return cipher.open(stream, record);
    }
}
