package io.sluice.common.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashKeyTest {

    @Test
    void partitionKeyHashesToUnsignedMd5() {
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661
        assertThat(HashKey.ofPartitionKey("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
        // MD5("b") = 92eb5ffee6ae2fec3ad71c777531578f has its top bit set: it must stay positive
        assertThat(HashKey.ofPartitionKey("b")).isEqualTo(new BigInteger("92eb5ffee6ae2fec3ad71c777531578f", 16));
    }

    @Test
    void evenSplitOfTwoEndsTheFirstShardWhereKinesisDoes() {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(2);
        assertThat(ranges.get(0).end()).isEqualTo(new BigInteger("170141183460469231731687303715884105727"));
        assertThat(ranges.get(1).start()).isEqualTo(new BigInteger("170141183460469231731687303715884105728"));
        assertThat(ranges.get(1).end()).isEqualTo(HashKey.MAX);
    }

    @Test
    void evenSplitCoversTheKeySpaceWithoutGapsOrOverlaps() {
        for (int count : new int[] {1, 3, 4, 7, 100}) {
            List<HashKeyRange> ranges = HashKeyRange.evenSplit(count);
            assertThat(ranges).hasSize(count);
            assertThat(ranges.get(0).start()).isZero();
            assertThat(ranges.get(count - 1).end()).isEqualTo(HashKey.MAX);
            for (int i = 1; i < count; i++) {
                assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end().add(BigInteger.ONE));
            }
        }
    }

    @Test
    void everyKeyRoutesToExactlyOneRange() {
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(5);
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            BigInteger key = HashKey.ofPartitionKey(Long.toHexString(random.nextLong()));
            assertThat(ranges.stream().filter(r -> r.contains(key)).count()).isEqualTo(1);
        }
    }

    @Test
    void explicitHashKeyWinsAndIsRangeChecked() {
        assertThat(HashKey.route("ignored", "0")).isZero();
        assertThat(HashKey.route("ignored", HashKey.MAX.toString())).isEqualTo(HashKey.MAX);
        assertThatThrownBy(() -> HashKey.route("k", HashKey.MAX.add(BigInteger.ONE).toString()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
