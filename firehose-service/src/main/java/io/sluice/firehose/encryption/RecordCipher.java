package io.sluice.firehose.encryption;

import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.common.crypto.MasterKey;
import io.sluice.kafka.RecordFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * Seals the records of an encrypted delivery stream in Kafka (the shared sealed-record format:
 * AES-256-GCM under a key derived from the stream's data key) and opens them for delivery. Each
 * stream has one data key, id 1 of its own record format.
 */
@Component
public class RecordCipher {
    private static final long DATA_KEY_ID = 1;

    private final MasterKey master;
    private final Map<String, RecordFormat> formats = new ConcurrentHashMap<>();

    RecordCipher(MasterKey master) {
        this.master = master;
    }

    /**
     * The Kafka record for {@code data} put to {@code stream}: sealed while its encryption is on.
     *
     * @param partition the partition of a sealed record (a plain one goes where the producer puts it)
     */
    public ProducerRecord<byte[], byte[]> record(DeliveryStream stream, String topic, int partition, byte[] data) {
        if (!stream.encrypted()) {
            return new ProducerRecord<>(topic, null, null, data);
        }
        return format(stream, topic).record(topic, partition, new byte[0], data, DATA_KEY_ID);
    }

    /**
     * A record's data as put, opened if it was sealed.
     *
     * @throws RecordFormat.UnauthenticRecordException when a sealed record does not authenticate
     */
    public byte[] open(DeliveryStream stream, ConsumerRecord<byte[], byte[]> record) {
        if (RecordFormat.dataKeyId(record).isEmpty()) {
            return record.value();
        }
        return format(stream, record.topic()).open(record).data();
    }

    private RecordFormat format(DeliveryStream stream, String topic) {
        return formats.computeIfAbsent(topic, t -> new RecordFormat(id -> master.unwrap(stream.encryption().wrappedDataKey())));
    }
}
