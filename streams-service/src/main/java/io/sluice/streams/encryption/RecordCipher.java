package io.sluice.streams.encryption;

import io.sluice.common.crypto.MasterKey;

import io.sluice.common.error.ErrorCode;
import io.sluice.kafka.RecordFormat;
import io.sluice.streams.metadata.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * Seals record data for streams with encryption on and opens it on read, in the shared
 * {@link RecordFormat}; data keys are unwrapped with the master key on first use. Kafka-native
 * readers see the ciphertext; the Kinesis API returns the data as written.
 */
@Component
public class RecordCipher {
    private final RecordFormat format;

    RecordCipher(MasterKey master, StreamKeys keys) {
        this.format = new RecordFormat(id -> master.unwrap(keys.wrapped(id).orElseThrow(
                () -> ErrorCode.KMS_NOT_FOUND.exception("Data key %d of the stream no longer exists.", id))));
    }

    /** The Kafka record for a Kinesis record: sealed when the stream's encryption is on. */
    public ProducerRecord<byte[], byte[]> record(Stream stream, int partition, byte[] partitionKey, byte[] data) {
        return format.record(stream.topic(), partition, partitionKey, data, stream.dataKeyId());
    }

    /**
     * A record's data as written: opened if it was stored sealed.
     *
     * @throws io.sluice.common.error.AwsException KMSNotFoundException / KMSAccessDeniedException when its
     *     data key cannot be unwrapped, InternalFailure when the record does not authenticate
     */
    public RecordFormat.Opened open(ConsumerRecord<byte[], byte[]> record) {
        try {
            return format.open(record);
        } catch (RecordFormat.UnauthenticRecordException e) {
            throw ErrorCode.INTERNAL_FAILURE.exception("A sealed record at offset %d does not authenticate.", record.offset());
        }
    }
}
