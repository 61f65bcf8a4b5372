package io.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
    private final byte[] dataKey = new byte[32];

    {
        new SecureRandom().nextBytes(dataKey);
    }

    private final Map<Long, byte[]> keys = Map.of(7L, dataKey);

    private static ConsumerRecord<byte[], byte[]> asRead(ProducerRecord<byte[], byte[]> written, long offset) {
        return new ConsumerRecord<>(written.topic(), written.partition(), offset, 0L, TimestampType.LOG_APPEND_TIME,
                -1, -1, written.key(), written.value(), new RecordHeaders(written.headers().toArray()), java.util.Optional.empty());
    }

    @Test
    void plainRecordsAreTheDataItselfKeyedByThePartitionKey() {
        RecordFormat format = new RecordFormat(keys::get);
        ProducerRecord<byte[], byte[]> written = format.record("t", 2, "pk".getBytes(), "hello".getBytes(), null);
        assertThat(written.partition()).isEqualTo(2);
        assertThat(written.key()).isEqualTo("pk".getBytes());
        assertThat(written.value()).isEqualTo("hello".getBytes());
        RecordFormat.Opened opened = format.open(asRead(written, 0));
        assertThat(opened.sealed()).isFalse();
        assertThat(opened.data()).isEqualTo("hello".getBytes());
    }

    @Test
    void sealedRecordsHideTheirDataAndAnotherReaderWithTheKeyOpensThem() {
        RecordFormat writer = new RecordFormat(keys::get);
        ProducerRecord<byte[], byte[]> first = writer.record("t", 0, "pk".getBytes(), "secret".getBytes(StandardCharsets.UTF_8), 7L);
        ProducerRecord<byte[], byte[]> second = writer.record("t", 0, "pk".getBytes(), "secret".getBytes(StandardCharsets.UTF_8), 7L);
        assertThat(new String(first.value(), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(first.value()).as("counter nonces: the same data seals differently").isNotEqualTo(second.value());
        assertThat(RecordFormat.dataKeyId(asRead(first, 0))).hasValue(7L);

        RecordFormat reader = new RecordFormat(keys::get);
        RecordFormat.Opened opened = reader.open(asRead(first, 0));
        assertThat(opened.sealed()).isTrue();
        assertThat(new String(opened.data(), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void aTamperedRecordOrAnotherPartitionKeyDoesNotAuthenticate() {
        RecordFormat format = new RecordFormat(keys::get);
        ProducerRecord<byte[], byte[]> written = format.record("t", 0, "pk".getBytes(), "secret".getBytes(), 7L);
        byte[] value = written.value().clone();
        value[value.length - 1] ^= 1;
        ProducerRecord<byte[], byte[]> tampered = new ProducerRecord<>("t", 0, null, written.key(), value, written.headers());
        assertThatThrownBy(() -> format.open(asRead(tampered, 0))).isInstanceOf(RecordFormat.UnauthenticRecordException.class);
        ProducerRecord<byte[], byte[]> rekeyed = new ProducerRecord<>("t", 0, null, "other".getBytes(), written.value(), written.headers());
        assertThatThrownBy(() -> format.open(asRead(rekeyed, 0))).isInstanceOf(RecordFormat.UnauthenticRecordException.class);
    }
}
