package io.sluice.common.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceNumberTest {

    @Test
    void roundTripsThroughItsDecimalForm() {
        for (SequenceNumber n : new SequenceNumber[] {
            new SequenceNumber(0, 0), new SequenceNumber(3, 17), new SequenceNumber(Integer.MAX_VALUE, Long.MAX_VALUE)
        }) {
            assertThat(SequenceNumber.decode(n.encode())).isEqualTo(n);
            assertThat(n.encode()).matches("[1-9]\\d{0,128}");
        }
    }

    @Test
    void growsWithOffsetAndWithShardIndex() {
        BigInteger a = new SequenceNumber(1, 5).toBigInteger();
        BigInteger b = new SequenceNumber(1, 6).toBigInteger();
        BigInteger child = new SequenceNumber(2, 0).toBigInteger();
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(child);
    }

    @Test
    void rejectsNumbersItDidNotIssue() {
        for (String bad : new String[] {"0", "1", "abc", "", new SequenceNumber(1, 1).toBigInteger().shiftLeft(1).toString(),
            new SequenceNumber(1, 1).toBigInteger().setBit(100).toString()}) {
            assertThatThrownBy(() -> SequenceNumber.decode(bad)).as(bad).isInstanceOf(AwsException.class);
        }
    }
}
