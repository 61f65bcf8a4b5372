package io.sluice.local;

import static io.sluice.local.KinesisErrorsIT.errorOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.testsupport.KinesisStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** Registering, describing, listing and deregistering enhanced fan-out consumers with the AWS SDK. */
class StreamConsumersIT {

    @Test
    void consumersGoFromCreatingToActiveAreListedInPagesAndDeregister() {
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName("fanned-out").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "fanned-out");
        String streamArn = kinesis.describeStreamSummary(b -> b.streamName("fanned-out")).streamDescriptionSummary().streamARN();

        Consumer registered = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-00")).consumer();
        assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(registered.consumerARN()).isEqualTo(streamArn + "/consumer/app-00:"
                + registered.consumerCreationTimestamp().getEpochSecond());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> kinesis.describeStreamConsumer(
                b -> b.consumerARN(registered.consumerARN())).consumerDescription().consumerStatus() == ConsumerStatus.ACTIVE);
        var described = kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-00")).consumerDescription();
        assertThat(described.consumerARN()).isEqualTo(registered.consumerARN());
        assertThat(described.streamARN()).isEqualTo(streamArn);

        assertThat(errorOf(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-00"))))
                .isEqualTo("ResourceInUseException");
        for (int i = 1; i < 20; i++) {
            String name = String.format("app-%02d", i);
            kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(name));
        }
        assertThat(errorOf(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-20"))))
                .as("the 21st consumer").isEqualTo("LimitExceededException");

        List<String> listed = new ArrayList<>();
        ListStreamConsumersResponse page = kinesis.listStreamConsumers(b -> b.streamARN(streamArn).maxResults(7));
        listed.addAll(page.consumers().stream().map(Consumer::consumerName).toList());
        int pages = 1;
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listStreamConsumers(b -> b.streamARN(streamArn).nextToken(token).maxResults(7));
            listed.addAll(page.consumers().stream().map(Consumer::consumerName).toList());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).hasSize(20).isSorted().startsWith("app-00").endsWith("app-19");

        assertThat(errorOf(() -> kinesis.describeStreamConsumer(b -> b.streamARN(streamArn))))
                .as("a stream without a consumer name").isEqualTo("InvalidArgumentException");
        String earlierRegistration = streamArn + "/consumer/app-00:1";
        assertThat(errorOf(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(earlierRegistration))))
                .isEqualTo("ResourceNotFoundException");

        kinesis.deregisterStreamConsumer(b -> b.consumerARN(registered.consumerARN()));
        assertThat(kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-00")).consumerDescription()
                .consumerStatus()).isEqualTo(ConsumerStatus.DELETING);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> "ResourceNotFoundException".equals(
                errorOf(() -> kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-00")))));
        kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-20"));
    }

    @Test
    void consumerTagsAreSetAtRegistrationAndByTheResourceTagApi() {
        KinesisClient kinesis = Platform.kinesis();
        kinesis.createStream(b -> b.streamName("tagged-consumers").shardCount(1));
        KinesisStreams.awaitActive(kinesis, "tagged-consumers");
        String streamArn = kinesis.describeStreamSummary(b -> b.streamName("tagged-consumers")).streamDescriptionSummary().streamARN();
        String arn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("billing")
                .tags(java.util.Map.of("team", "data"))).consumer().consumerARN();
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "data"));
        kinesis.tagResource(b -> b.resourceARN(arn).tags(java.util.Map.of("env", "test")));
        kinesis.untagResource(b -> b.resourceARN(arn).tagKeys("team"));
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags()).extracting(Tag::key).containsExactly("env");
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(streamArn)).tags()).as("the stream's own tags").isEmpty();
        String earlierRegistration = arn.substring(0, arn.lastIndexOf(':') + 1) + "1";
        assertThat(errorOf(() -> kinesis.listTagsForResource(b -> b.resourceARN(earlierRegistration))))
                .isEqualTo("ResourceNotFoundException");
    }
}
