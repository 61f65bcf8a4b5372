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
            new SequenceNumber(0, -1), new SequenceNumber(0, 0), new SequenceNumber(3, 17), new SequenceNumber(Integer.MAX_VALUE, Long.MAX_VALUE - 1)
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

    private static final String PADDING = "0".repeat(24);

    /** 56 digits, as AWS's sequence numbers have. */
    @Test
    void hasTheDocumentedLayout() {
        assertThat(new SequenceNumber(3, 17).encode()).isEqualTo("49" + "0000000003" + "00000000000000000018" + PADDING).hasSize(56);
        assertThat(new SequenceNumber(Integer.MAX_VALUE, Long.MAX_VALUE - 1).encode())
                .isEqualTo("49" + "2147483647" + "09223372036854775807" + PADDING);
    }

    /** Checkpoints taken before the 56-digit form still decode, and are older than every new number. */
    @Test
    void theEarlier31DigitFormStillDecodes() {
        assertThat(SequenceNumber.decode("1" + "0000000003" + "00000000000000000018")).isEqualTo(new SequenceNumber(3, 17));
        assertThat(new BigInteger("1" + "0000000003" + "00000000000000000018")).isLessThan(new SequenceNumber(0, -1).toBigInteger());
    }

    @Test
    void theNumberBeforeAShardsFirstRecordIsAllZeroOffsetDigits() {
        assertThat(SequenceNumber.before(3, 0).encode()).isEqualTo("49" + "0000000003" + "00000000000000000000" + PADDING);
        assertThat(SequenceNumber.before(3, 0).toBigInteger()).isLessThan(new SequenceNumber(3, 0).toBigInteger());
        assertThat(SequenceNumber.before(3, 18)).isEqualTo(new SequenceNumber(3, 17));
    }

    @Test
    void decimalOrderIsPositionOrder() {
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            SequenceNumber a = new SequenceNumber(random.nextInt(1000), ((random.nextLong() >>> 1) >>> random.nextInt(63)) - 1);
            SequenceNumber b = new SequenceNumber(random.nextInt(1000), ((random.nextLong() >>> 1) >>> random.nextInt(63)) - 1);
            assertThat(Integer.signum(a.toBigInteger().compareTo(b.toBigInteger()))).isEqualTo(Integer.signum(a.compareTo(b)));
        }
    }

    @Test
    void rejectsNumbersItDidNotIssue() {
        for (String bad : new String[] {"0", "1", "abc", "", new SequenceNumber(1, 1).toBigInteger().shiftLeft(1).toString(),
            new SequenceNumber(1, 1).toBigInteger().setBit(100).toString(),
            "1" + "2147483648" + "00000000000000000000", "1" + "0000000001" + "99999999999999999999", "1" + "0000000001" + "09223372036854775808", "1000000000100000000000000000a01",
            "49" + "0000000001" + "00000000000000000001" + "1".repeat(24), "48" + "0000000001" + "00000000000000000001" + PADDING,
            "49" + "2147483648" + "00000000000000000001" + PADDING}) {
            assertThatThrownBy(() -> SequenceNumber.decode(bad)).as(bad).isInstanceOf(AwsException.class);
        }
    }
}
