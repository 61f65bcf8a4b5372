package io.sluice.streams.encryption;

import io.sluice.common.error.ErrorCode;
import io.sluice.streams.stream.Stream;
import io.sluice.streams.stream.StreamKeys;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.stereotype.Component;

/**
 * Seals record data for streams with encryption on and opens it on read. Each record is AES-256-GCM
 * with its partition key as associated data; the Kafka record value is the nonce and ciphertext, and
 * a {@value #HEADER} header names the data key and the salt of the key it was sealed with. That key
 * is derived (HMAC-SHA256) from the stream's data key and a random salt drawn once per process, and
 * the nonce is a counter: nonces never repeat under one key, however many records a stream takes.
 * Kafka-native readers see the ciphertext; the Kinesis API returns the data as written.
 */
@Component
public class RecordCipher {
    static final String HEADER = "sluice-sealed";
    private static final int SALT_BYTES = 16;

    /** A record's data as the API returns it, and whether it was stored sealed. */
    public record Opened(byte[] data, boolean sealed) {
    }

    /** A key records are sealed with: derived from data key {@code dataKeyId} and {@code salt}. */
    private record SealingKey(long dataKeyId, byte[] salt, SecretKey key, AtomicLong nonces) {
    }

    private final MasterKey master;
    private final StreamKeys keys;
    private final byte[] processSalt = new byte[SALT_BYTES];
    private final Map<Long, byte[]> dataKeys = new ConcurrentHashMap<>();
    private final Map<Long, SealingKey> sealing = new ConcurrentHashMap<>();
    private final Map<String, SecretKey> opening = new ConcurrentHashMap<>();

    RecordCipher(MasterKey master, StreamKeys keys) {
        this.master = master;
        this.keys = keys;
        new SecureRandom().nextBytes(processSalt);
    }

    /** The Kafka record for a Kinesis record: sealed when the stream's encryption is on. */
    public ProducerRecord<byte[], byte[]> record(Stream stream, int partition, byte[] partitionKey, byte[] data) {
        Long dataKeyId = stream.dataKeyId();
        if (dataKeyId == null) {
            return new ProducerRecord<>(stream.topic(), partition, null, partitionKey, data);
        }
        SealingKey key = sealing.computeIfAbsent(dataKeyId, id -> new SealingKey(id, processSalt, derive(id, processSalt), new AtomicLong()));
        byte[] nonce = ByteBuffer.allocate(Gcm.NONCE_BYTES).putInt(0).putLong(key.nonces().incrementAndGet()).array();
        byte[] value = Gcm.seal(key.key(), nonce, partitionKey, data);
        byte[] header = ByteBuffer.allocate(Long.BYTES + SALT_BYTES).putLong(dataKeyId).put(key.salt()).array();
        return new ProducerRecord<>(stream.topic(), partition, null, partitionKey, value, java.util.List.of(new RecordHeader(HEADER, header)));
    }

    /**
     * A record's data as written: opened if it was stored sealed.
     *
     * @throws io.sluice.common.error.AwsException KMSNotFoundException / KMSAccessDeniedException when its
     *     data key cannot be unwrapped, InternalFailure when the record does not authenticate
     */
    public Opened open(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        Header header = record.headers().lastHeader(HEADER);
        if (header == null) {
            return new Opened(value, false);
        }
        ByteBuffer named = ByteBuffer.wrap(header.value());
        long dataKeyId = named.getLong();
        byte[] salt = new byte[SALT_BYTES];
        named.get(salt);
        SecretKey key = opening.computeIfAbsent(dataKeyId + ":" + java.util.HexFormat.of().formatHex(salt), k -> derive(dataKeyId, salt));
        try {
            return new Opened(Gcm.open(key, value, record.key() == null ? new byte[0] : record.key()), true);
        } catch (javax.crypto.AEADBadTagException e) {
            throw ErrorCode.INTERNAL_FAILURE.exception("A sealed record at offset %d does not authenticate.", record.offset());
        }
    }

    private SecretKey derive(long dataKeyId, byte[] salt) {
        byte[] dataKey = dataKeys.computeIfAbsent(dataKeyId, id -> master.unwrap(keys.wrapped(id).orElseThrow(
                () -> ErrorCode.KMS_NOT_FOUND.exception("Data key %d of the stream no longer exists.", id))));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
            mac.update("sluice record key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new SecretKeySpec(mac.doFinal(salt), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
