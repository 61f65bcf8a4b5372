package io.sluice.kafka;

import io.sluice.common.crypto.Gcm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * How a Kinesis record is kept in Kafka, on the write side and the read side: the Kafka key is the
 * partition key (UTF-8), the value the data, the timestamp the broker's append time. A record of a
 * stream with encryption on is sealed: AES-256-GCM with its partition key as associated data, the
 * value being the nonce and ciphertext, and a {@value #SEALED_HEADER} header naming the data key and
 * the salt of the key it was sealed with. That key is derived (HMAC-SHA256) from the stream's data
 * key and a random salt drawn once per instance of this class, and the nonce is a counter: nonces
 * never repeat under one key, however many records a stream takes.
 */
public final class RecordFormat {
    public static final String SEALED_HEADER = "sluice-sealed";
    private static final int SALT_BYTES = 16;

    /** The raw 256-bit data keys records are sealed with, by id. */
    public interface DataKeys {
        /** @throws RuntimeException when the key cannot be had (the caller's own error) */
        byte[] dataKey(long id);
    }

    /** A record's data as written, and whether it was stored sealed. */
    public record Opened(byte[] data, boolean sealed) {
    }

    /** A sealed record that does not authenticate under its key: altered, or not Sluice's. */
    public static final class UnauthenticRecordException extends RuntimeException {
        UnauthenticRecordException(ConsumerRecord<?, ?> record) {
            super("The sealed record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " does not authenticate", null, false, false);
        }
    }

    private record SealingKey(long dataKeyId, SecretKey key, AtomicLong nonces) {
    }

    private final DataKeys keys;
    private final byte[] salt = new byte[SALT_BYTES];
    private final Map<Long, byte[]> dataKeys = new ConcurrentHashMap<>();
    private final Map<Long, SealingKey> sealing = new ConcurrentHashMap<>();
    private final Map<String, SecretKey> opening = new ConcurrentHashMap<>();

    public RecordFormat(DataKeys keys) {
        this.keys = keys;
        new SecureRandom().nextBytes(salt);
    }

    /**
     * The Kafka record for a Kinesis record: sealed with data key {@code dataKeyId}, or plain when
     * it is null.
     */
    public ProducerRecord<byte[], byte[]> record(String topic, int partition, byte[] partitionKey, byte[] data, Long dataKeyId) {
        if (dataKeyId == null) {
            return new ProducerRecord<>(topic, partition, null, partitionKey, data);
        }
        SealingKey key = sealing.computeIfAbsent(dataKeyId, id -> new SealingKey(id, derive(id, salt), new AtomicLong()));
        byte[] nonce = ByteBuffer.allocate(Gcm.NONCE_BYTES).putInt(0).putLong(key.nonces().incrementAndGet()).array();
        byte[] value = Gcm.seal(key.key(), nonce, partitionKey, data);
        byte[] header = ByteBuffer.allocate(Long.BYTES + SALT_BYTES).putLong(dataKeyId).put(salt).array();
        return new ProducerRecord<>(topic, partition, null, partitionKey, value, List.of(new RecordHeader(SEALED_HEADER, header)));
    }

    /**
     * A record's data as written: opened if it was stored sealed.
     *
     * @throws UnauthenticRecordException when a sealed record does not authenticate
     */
    public Opened open(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        Header header = record.headers().lastHeader(SEALED_HEADER);
        if (header == null) {
            return new Opened(value, false);
        }
        ByteBuffer named = ByteBuffer.wrap(header.value());
        long dataKeyId = named.getLong();
        byte[] recordSalt = new byte[SALT_BYTES];
        named.get(recordSalt);
        SecretKey key = opening.computeIfAbsent(dataKeyId + ":" + HexFormat.of().formatHex(recordSalt),
                k -> derive(dataKeyId, recordSalt));
        try {
            return new Opened(Gcm.open(key, value, record.key() == null ? new byte[0] : record.key()), true);
        } catch (AEADBadTagException e) {
            throw new UnauthenticRecordException(record);
        }
    }

    /** The id of the data key a record was sealed with, if it was. */
    public static java.util.OptionalLong dataKeyId(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(SEALED_HEADER);
        return header == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
    }

    private SecretKey derive(long dataKeyId, byte[] keySalt) {
        byte[] dataKey = dataKeys.computeIfAbsent(dataKeyId, keys::dataKey);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
            mac.update("sluice record key".getBytes(StandardCharsets.US_ASCII));
            return new SecretKeySpec(mac.doFinal(keySalt), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
