package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Firehose's control plane through the gateway with the SDK's FirehoseClient, its buckets on the
 * embedded S3 server: a stream turns ACTIVE once its bucket exists and describes what it was given
 * with AWS's defaults; one whose bucket is missing is CREATING_FAILED; deleting removes it.
 */
class FirehoseControlPlaneIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static DeliveryStreamDescription describe(FirehoseClient firehose, String name) {
        return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
    }

    @Test
    void aDeliveryStreamToAnExistingBucketTurnsActiveAndDescribesItsDestination() {
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint());
                S3Client s3 = AwsClients.s3(SharedEngines.s3().endpoint())) {
            s3.createBucket(b -> b.bucket("clicks-lake"));
            String arn = firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks-to-lake")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::clicks-lake")
                            .prefix("clicks/").compressionFormat(CompressionFormat.GZIP)
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60)))
                    .tags(t -> t.key("team").value("web"))).deliveryStreamARN();
            assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks-to-lake");
            assertThat(describe(firehose, "clicks-to-lake").deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING);
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> describe(firehose, "clicks-to-lake").deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);

            DeliveryStreamDescription description = describe(firehose, "clicks-to-lake");
            assertThat(description.versionId()).isEqualTo("1");
            assertThat(description.deliveryStreamTypeAsString()).isEqualTo("DirectPut");
            assertThat(description.hasMoreDestinations()).isFalse();
            DestinationDescription destination = description.destinations().get(0);
            assertThat(destination.destinationId()).isEqualTo("destinationId-000000000001");
            assertThat(destination.extendedS3DestinationDescription().prefix()).isEqualTo("clicks/");
            assertThat(destination.extendedS3DestinationDescription().compressionFormat()).isEqualTo(CompressionFormat.GZIP);
            assertThat(destination.extendedS3DestinationDescription().bufferingHints().sizeInMBs()).isEqualTo(1);
            assertThat(destination.extendedS3DestinationDescription().encryptionConfiguration().noEncryptionConfigAsString())
                    .isEqualTo("NoEncryption");
            assertThat(destination.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::clicks-lake");
            assertThat(firehose.listDeliveryStreams(b -> b.limit(100)).deliveryStreamNames()).contains("clicks-to-lake");

            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks-to-lake")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::clicks-lake"))))
                    .isInstanceOf(ResourceInUseException.class);

            firehose.updateDestination(b -> b.deliveryStreamName("clicks-to-lake").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001")
                    .extendedS3DestinationUpdate(u -> u.prefix("clicks/v2/")));
            DeliveryStreamDescription updated = describe(firehose, "clicks-to-lake");
            assertThat(updated.versionId()).isEqualTo("2");
            assertThat(updated.destinations().get(0).extendedS3DestinationDescription().prefix()).isEqualTo("clicks/v2/");
            assertThat(updated.destinations().get(0).extendedS3DestinationDescription().compressionFormat())
                    .isEqualTo(CompressionFormat.GZIP);
            assertThatThrownBy(() -> firehose.updateDestination(b -> b.deliveryStreamName("clicks-to-lake")
                    .currentDeliveryStreamVersionId("1").destinationId("destinationId-000000000001")
                    .extendedS3DestinationUpdate(u -> u.prefix("stale/"))))
                    .isInstanceOf(software.amazon.awssdk.services.firehose.model.ConcurrentModificationException.class);

            firehose.tagDeliveryStream(b -> b.deliveryStreamName("clicks-to-lake").tags(t -> t.key("env").value("prod")));
            firehose.untagDeliveryStream(b -> b.deliveryStreamName("clicks-to-lake").tagKeys("team"));
            assertThat(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("clicks-to-lake")).tags())
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("env=prod");

            firehose.deleteDeliveryStream(b -> b.deliveryStreamName("clicks-to-lake"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThatThrownBy(() -> describe(firehose, "clicks-to-lake")).isInstanceOf(ResourceNotFoundException.class));
        }
    }

    @Test
    void aMissingBucketFailsTheCreationAndBadConfigurationsAreRefused() {
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint())) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("to-nowhere")
                    .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::no-such-bucket")));
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> describe(firehose, "to-nowhere").deliveryStreamStatus() == DeliveryStreamStatus.CREATING_FAILED);
            assertThat(describe(firehose, "to-nowhere").failureDescription().details()).contains("no-such-bucket");
            firehose.deleteDeliveryStream(b -> b.deliveryStreamName("to-nowhere").allowForceDelete(true));

            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad")
                    .extendedS3DestinationConfiguration(d -> d.roleARN("role").bucketARN("arn:aws:s3:::clicks-lake")
                            .bufferingHints(h -> h.sizeInMBs(500)))))
                    .isInstanceOfSatisfying(FirehoseException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(e.getMessage()).contains("extendedS3DestinationConfiguration.bufferingHints.sizeInMBs");
                    });
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad")))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> describe(firehose, "never-made")).isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
