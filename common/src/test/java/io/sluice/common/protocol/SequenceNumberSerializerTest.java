package io.sluice.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.common.kinesis.SequenceNumber;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceNumberSerializerTest {
    record Numbered(@JsonProperty("SequenceNumber") @JsonSerialize(using = SequenceNumberSerializer.class) SequenceNumber number,
            @JsonProperty("After") String after) {
    }

    private final AwsCodec codec = new AwsCodec();

    @Test
    void writesTheDecimalStringInJsonAndCbor() throws Exception {
        List<SequenceNumber> numbers = List.of(new SequenceNumber(0, -1), new SequenceNumber(0, 0), new SequenceNumber(3, 1_234_567),
                new SequenceNumber(Integer.MAX_VALUE, Long.MAX_VALUE - 1));
        for (SequenceNumber number : numbers) {
            Numbered value = new Numbered(number, "x");
            Map<?, ?> json = new ObjectMapper().readValue(codec.write(WireFormat.JSON, value), Map.class);
            Map<?, ?> cbor = new CBORMapper().readValue(codec.write(WireFormat.CBOR, value), Map.class);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            codec.write(WireFormat.CBOR, value, streamed);
            Map<?, ?> cborStreamed = new CBORMapper().readValue(streamed.toByteArray(), Map.class);
            for (Map<?, ?> decoded : List.of(json, cbor, cborStreamed)) {
                assertThat(decoded).as(number.encode()).isEqualTo(Map.of("SequenceNumber", number.encode(), "After", "x"));
            }
        }
    }

    @Test
    void writersThatTakeOnlyStringsGetTheString() throws Exception {
        SequenceNumber number = new SequenceNumber(7, 42);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.writeValueAsString(new Numbered(number, "x")))
                .isEqualTo("{\"SequenceNumber\":\"" + number.encode() + "\",\"After\":\"x\"}");
        assertThat(mapper.convertValue(new Numbered(number, "x"), Map.class)).containsEntry("SequenceNumber", number.encode());
    }
}
