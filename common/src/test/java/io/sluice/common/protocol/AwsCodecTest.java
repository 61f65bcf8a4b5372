package io.sluice.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsCodecTest {
    record Sample(@JsonProperty("Data") byte[] data, @JsonProperty("Count") Integer count, @JsonProperty("At") Instant at) {
    }

    private final AwsCodec codec = new AwsCodec();

    @Test
    void jsonCarriesBlobsAsBase64AndTimestampsAsEpochSeconds() {
        String body = "{\"Data\":\"aGVsbG8=\",\"Count\":3,\"At\":1700000000.5}";
        Sample s = codec.read(WireFormat.JSON, body.getBytes(StandardCharsets.UTF_8), Sample.class);
        assertThat(new String(s.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(s.at()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
        String out = new String(codec.write(WireFormat.JSON, s), StandardCharsets.UTF_8);
        assertThat(out).contains("\"Data\":\"aGVsbG8=\"").contains("\"At\":1700000000.500");
    }

    @Test
    void cborCarriesTimestampsAsEpochMillisAndRoundTrips() {
        Sample s = new Sample(new byte[] {1, 2, 3}, 7, Instant.ofEpochMilli(1_700_000_000_123L));
        byte[] bytes = codec.write(WireFormat.CBOR, s);
        Sample back = codec.read(WireFormat.CBOR, bytes, Sample.class);
        assertThat(back.data()).containsExactly(1, 2, 3);
        assertThat(back.at()).isEqualTo(s.at());
    }

    @Test
    void malformedBodiesAreSerializationExceptions() {
        for (byte[] bad : new byte[][] {"{".getBytes(), "{\"Count\":\"x\"}".getBytes(), "[1]".getBytes(), "{\"Data\":\"*\"}".getBytes()}) {
            assertThatThrownBy(() -> codec.read(WireFormat.JSON, bad, Sample.class))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
        }
        assertThatThrownBy(() -> codec.read(WireFormat.CBOR, new byte[] {(byte) 0xBF, 0x61}, Sample.class))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
    }

    @Test
    void streamsReadAndWriteLikeArrays() throws IOException {
        Sample s = new Sample(new byte[] {4, 5}, 9, Instant.ofEpochMilli(1_700_000_000_123L));
        for (WireFormat format : WireFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            codec.write(format, s, out);
            assertThat(out.toByteArray()).isEqualTo(codec.write(format, s));
            Sample back = codec.read(format, new ByteArrayInputStream(out.toByteArray()), Sample.class);
            assertThat(back.data()).containsExactly(4, 5);
            assertThat(back.count()).isEqualTo(9);
            assertThat(codec.read(format, InputStream.nullInputStream(), Sample.class).count()).isNull();
            byte[] truncated = Arrays.copyOf(out.toByteArray(), out.size() - 3);
            assertThatThrownBy(() -> codec.read(format, new ByteArrayInputStream(truncated), Sample.class))
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
        }
    }

    @Test
    void errorsCarryTypeAndMessage() {
        String out = new String(codec.writeError(WireFormat.JSON, ErrorCode.RESOURCE_NOT_FOUND, "gone"), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"gone\"}");
    }

    @Test
    void documentsNestedBeyondTheLimitAreRefusedInBothEncodings() {
        AwsCodec shallow = new AwsCodec(8);
        String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        assertThatThrownBy(() -> shallow.read(WireFormat.JSON, new java.io.ByteArrayInputStream(deep.getBytes()), Map.class))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
        Object nested = 1;
        for (int i = 0; i < 20; i++) {
            nested = Map.of("a", nested);
        }
        byte[] cbor = new AwsCodec().write(WireFormat.CBOR, nested);
        assertThatThrownBy(() -> shallow.read(WireFormat.CBOR, new java.io.ByteArrayInputStream(cbor), Map.class))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
        assertThat(new AwsCodec().read(WireFormat.CBOR, new java.io.ByteArrayInputStream(cbor), Map.class)).containsKey("a");
    }
}
