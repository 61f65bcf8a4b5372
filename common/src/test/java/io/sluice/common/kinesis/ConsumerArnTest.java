package io.sluice.common.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerArnTest {
    @Test
    void parsesWhatItPrints() {
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/billing-app:1763900000";
        ConsumerArn parsed = ConsumerArn.parse(arn).orElseThrow();
        assertThat(parsed.stream()).isEqualTo(new StreamArn("us-east-1", "000000000000", "orders"));
        assertThat(parsed.consumerName()).isEqualTo("billing-app");
        assertThat(parsed.creationEpochSeconds()).isEqualTo(1_763_900_000L);
        assertThat(parsed.toString()).isEqualTo(arn);
    }

    @Test
    void rejectsStreamArnsAndMalformedConsumerArns() {
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/orders")).isEmpty();
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/app")).isEmpty();
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:0000:stream/orders/consumer/app:1")).isEmpty();
        assertThat(ConsumerArn.parse(null)).isEmpty();
    }
}
