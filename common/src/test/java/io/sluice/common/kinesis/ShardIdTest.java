package io.sluice.common.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.arn.StreamArn;

import org.junit.jupiter.api.Test;

class ShardIdTest {

    @Test
    void formatsAndParsesLikeKinesis() {
        assertThat(new ShardId(3).toString()).isEqualTo("shardId-000000000003");
        assertThat(ShardId.parse("shardId-000000000042")).contains(new ShardId(42));
        assertThat(ShardId.parse("shardId-999999999999")).isEmpty();
        assertThat(ShardId.parse("shardId-002147483648")).isEmpty();
    }

    /** The forms AWS takes: the number after the last hyphen, whatever precedes it, or the number alone. */
    @Test
    void takesTheShortFormsAwsTakes() {
        assertThat(ShardId.parse("shardId-42")).contains(new ShardId(42));
        assertThat(ShardId.parse("shard-000000000001")).contains(new ShardId(1));
        assertThat(ShardId.parse("a-00002147483647")).contains(new ShardId(Integer.MAX_VALUE));
        assertThat(ShardId.parse("-00002147483647")).contains(new ShardId(Integer.MAX_VALUE));
        assertThat(ShardId.parse("2147483647")).contains(new ShardId(Integer.MAX_VALUE));
        assertThat(ShardId.parse("__test_0.5-0")).contains(new ShardId(0));
        assertThat(ShardId.parse("00000000000000000000007")).contains(new ShardId(7));
        assertThat(ShardId.parse("2147483648")).isEmpty();
        assertThat(ShardId.parse("ABKLFD8")).isEmpty();
        assertThat(ShardId.parse("2.14E4")).isEmpty();
        assertThat(ShardId.parse("shardId-")).isEmpty();
    }

    @Test
    void streamArnParsesItsParts() {
        StreamArn arn = StreamArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/orders").orElseThrow();
        assertThat(arn).isEqualTo(new StreamArn("us-east-1", "000000000000", "orders"));
        assertThat(arn.toString()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
        assertThat(StreamArn.parse("arn:aws:kinesis:us-east-1:123:stream/orders")).isEmpty();
    }
}
