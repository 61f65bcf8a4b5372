package io.sluice.common.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.arn.StreamArn;

import org.junit.jupiter.api.Test;

class ShardIdTest {

    @Test
    void formatsAndParsesLikeKinesis() {
        assertThat(new ShardId(3).toString()).isEqualTo("shardId-000000000003");
        assertThat(ShardId.parse("shardId-000000000042")).contains(new ShardId(42));
        assertThat(ShardId.parse("shardId-42")).isEmpty();
        assertThat(ShardId.parse("shard-000000000001")).isEmpty();
        assertThat(ShardId.parse("shardId-999999999999")).isEmpty();
    }

    @Test
    void streamArnParsesItsParts() {
        StreamArn arn = StreamArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/orders").orElseThrow();
        assertThat(arn).isEqualTo(new StreamArn("us-east-1", "000000000000", "orders"));
        assertThat(arn.toString()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
        assertThat(StreamArn.parse("arn:aws:kinesis:us-east-1:123:stream/orders")).isEmpty();
    }
}
