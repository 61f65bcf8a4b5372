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

    record Typed(@JsonProperty("Name") String name, @JsonProperty("Flag") Boolean flag, @JsonProperty("Count") Integer count,
            @JsonProperty("Big") Long big, @JsonProperty("Data") byte[] data, @JsonProperty("Keys") java.util.List<String> keys,
            @JsonProperty("Tags") Map<String, String> tags, @JsonProperty("Nested") Sample nested) {
    }

    private final AwsCodec codec = new AwsCodec();

    /** What AWS answers for each member type given each wrong JSON type (its SerializationException messages). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"Name": true}          | class java.lang.Boolean can not be converted to an String
            {"Name": 23}            | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String
            {"Name": 34.56}         | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String
            {"Name": []}            | Start of list found where not expected
            {"Name": {}}            | Start of structure or map found where not expected.
            {"Flag": "23"}          | '23' can not be converted to an Boolean
            {"Flag": 2147483648}    | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean
            {"Count": "23"}         | class java.lang.String can not be converted to an Integer
            {"Count": true}         | class java.lang.Boolean can not be converted to an Integer
            {"Big": "23"}           | class java.lang.String can not be converted to an Long
            {"Data": true}          | class java.lang.Boolean can not be converted to a Blob
            {"Data": 23}            | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob
            {"Data": "23456"}       | '23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5
            {"Data": "=+/="}        | '=+/=' can not be converted to a Blob: Invalid Base64 character: '='
            {"Data": "+/+="}        | '+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected
            {"Keys": "23"}          | Expected list or null
            {"Keys": 23}            | Expected list or null
            {"Keys": {}}            | Start of structure or map found where not expected.
            {"Keys": [true]}        | class java.lang.Boolean can not be converted to an String
            {"Tags": "a"}           | Expected map or null
            {"Tags": []}            | Start of list found where not expected
            {"Tags": {"a": 1}}      | class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String
            {"Nested": true}        | Expected null
            {"Nested": []}          | Start of list found where not expected
            """)
    void aMemberOfTheWrongTypeGetsAwsSerializationMessage(String body, String message) {
        assertThatThrownBy(() -> codec.read(WireFormat.JSON, body.getBytes(StandardCharsets.UTF_8), Typed.class))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void anErrorTheBodysStreamRaisesWhileAMemberIsReadIsAnsweredAsItself() {
        // As the services' size limit raises it in the middle of a blob: not a SerializationException about the member.
        byte[] start = "{\"Name\": \"n\", \"Data\": \"".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream body = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(start), new java.io.InputStream() {
            private int read;

            @Override
            public int read() {
                if (++read > 100_000) {
                    throw ErrorCode.REQUEST_TOO_LARGE.exception("Request body exceeds the limit of %d bytes.", 100_000);
                }
                return 'A';
            }
        });
        assertThatThrownBy(() -> codec.read(WireFormat.JSON, body, Typed.class))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_TOO_LARGE))
                .hasMessage("Request body exceeds the limit of 100000 bytes.");
    }

    @Test
    void aNullInAListIsASerializationException() {
        assertThatThrownBy(() -> codec.read(WireFormat.JSON, "{\"Keys\": [\"a\", null]}".getBytes(StandardCharsets.UTF_8), Typed.class))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
    }

    @Test
    void validBase64AndNullsStillRead() {
        Typed typed = codec.read(WireFormat.JSON, "{\"Data\": \"aGk=\", \"Keys\": null, \"Name\": null, \"Tags\": {}}"
                .getBytes(StandardCharsets.UTF_8), Typed.class);
        assertThat(typed.data()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(typed.keys()).isNull();
        assertThat(typed.tags()).isEmpty();
    }

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
