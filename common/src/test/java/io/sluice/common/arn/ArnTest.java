package io.sluice.common.arn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnTest {
    @Test
    void consumerArnParsesWhatItPrints() {
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/billing-app:1763900000";
        ConsumerArn parsed = ConsumerArn.parse(arn).orElseThrow();
        assertThat(parsed.stream()).isEqualTo(new StreamArn("us-east-1", "000000000000", "orders"));
        assertThat(parsed.consumerName()).isEqualTo("billing-app");
        assertThat(parsed.creationEpochSeconds()).isEqualTo(1_763_900_000L);
        assertThat(parsed.toString()).isEqualTo(arn);
    }

    @Test
    void consumerArnRejectsStreamArnsAndMalformedOnes() {
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/orders")).isEmpty();
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/app")).isEmpty();
        assertThat(ConsumerArn.parse("arn:aws:kinesis:us-east-1:0000:stream/orders/consumer/app:1")).isEmpty();
        assertThat(ConsumerArn.parse(null)).isEmpty();
    }

    @Test
    void genericArnSplitsSixParts() {
        Arn arn = Arn.parse("arn:aws:firehose:eu-west-1:123456789012:deliverystream/logs").orElseThrow();
        assertThat(arn.service()).isEqualTo("firehose");
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.accountId()).isEqualTo("123456789012");
        assertThat(arn.resourceType()).isEqualTo("deliverystream");
        assertThat(Arn.parse("arn:aws:s3")).isEmpty();
        assertThat(Arn.parse("not-an-arn:aws:s3:::b")).isEmpty();
    }

    @Test
    void typedArnsRoundTripAndRefuseOtherServices() {
        String delivery = "arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks-to-s3";
        assertThat(DeliveryStreamArn.parse(delivery).orElseThrow().deliveryStreamName()).isEqualTo("clicks-to-s3");
        assertThat(DeliveryStreamArn.parse(delivery).orElseThrow().toString()).isEqualTo(delivery);
        assertThat(DeliveryStreamArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/clicks")).isEmpty();

        String app = "arn:aws:kinesisanalytics:us-east-1:000000000000:application/top-pages";
        assertThat(ApplicationArn.parse(app).orElseThrow().applicationName()).isEqualTo("top-pages");
        assertThat(ApplicationArn.parse(app).orElseThrow().toString()).isEqualTo(app);
        assertThat(ApplicationArn.parse("arn:aws:kinesisanalytics:us-east-1:000000000000:stream/x")).isEmpty();

        assertThat(BucketArn.parse("arn:aws:s3:::my-bucket.logs").orElseThrow().bucket()).isEqualTo("my-bucket.logs");
        assertThat(BucketArn.parse("arn:aws:s3:::My_Bucket")).isEmpty();
        assertThat(BucketArn.parse("arn:aws:s3:us-east-1:000000000000:my-bucket")).isEmpty();
        assertThat(StreamArn.parse("arn:aws:kinesis:us-east-1:000000000000:stream/orders").orElseThrow().streamName())
                .isEqualTo("orders");
    }
}
