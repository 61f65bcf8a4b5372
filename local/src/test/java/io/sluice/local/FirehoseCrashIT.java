package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.AwsClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * {@code ./sluice-local} killed with {@code kill -9} while Firehose is delivering: one delivery
 * stream is uploading continuously (interval 0) when the process dies, another holds records in a
 * buffer that is not full. After a restart on the same data directory every acknowledged record is
 * delivered, and no record is in two objects: objects of a round delivered again replace the ones
 * the lost run wrote.
 */
class FirehoseCrashIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @Test
    void everyAcknowledgedRecordIsDeliveredOnceAfterKillNine(@TempDir Path dataDir) throws Exception {
        // One partition per delivery stream, so that the buffered stream's records share one buffer.
        Launcher first = Launcher.start(dataDir, "--sluice.firehose.kafka.partitions=1");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (FirehoseClient firehose = AwsClients.firehose(first.endpoint()); Lake s3 = new Lake(first.s3Endpoint())) {
            s3.createBucket("crash");
            create(firehose, "streaming", d -> d.prefix("streaming/").bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1)));
            create(firehose, "buffered", d -> d.prefix("buffered/").bufferingHints(h -> h.intervalInSeconds(900).sizeInMBs(1)));
            for (int i = 0; i < 2; i++) {
                String line = "buffered-" + i + "-" + "b".repeat(400_000);
                firehose.putRecord(b -> b.deliveryStreamName("buffered").record(record(line)));
            }

            AtomicBoolean putting = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                for (int batch = 0; putting.get(); batch++) {
                    List<Record> records = new ArrayList<>();
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        String line = "streaming-" + batch + "-" + i;
                        lines.add(line);
                        records.add(record(line));
                    }
                    try {
                        PutRecordBatchResponse put = firehose.putRecordBatch(b -> b.deliveryStreamName("streaming").records(records));
                        for (int i = 0; i < lines.size(); i++) {
                            if (put.requestResponses().get(i).recordId() != null) {
                                acknowledged.add(lines.get(i));
                            }
                        }
                    } catch (RuntimeException e) {
                        return; // The service is gone: what was not acknowledged may or may not arrive.
                    }
                }
            }, "crash-producer");
            producer.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> lines(s3, "streaming/").size() > 2_000);
            assertThat(lines(s3, "buffered/")).as("the buffer is not full").isEmpty();
            first.kill(false);
            putting.set(false);
            producer.join(30_000);
        }
        assertThat(acknowledged).hasSizeGreaterThan(2_000);

        Launcher second = Launcher.start(dataDir, "--sluice.firehose.kafka.partitions=1");
        try (FirehoseClient firehose = AwsClients.firehose(second.endpoint()); Lake s3 = new Lake(second.s3Endpoint())) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(lines(s3, "streaming/")).containsAll(acknowledged));
            Map<String, Integer> copies = new HashMap<>();
            lines(s3, "streaming/").forEach(line -> copies.merge(line, 1, Integer::sum));
            assertThat(copies).as("records in more than one object").allSatisfy((line, n) -> assertThat(n).as(line).isEqualTo(1));

            String last = "buffered-2-" + "b".repeat(400_000);
            firehose.putRecord(b -> b.deliveryStreamName("buffered").record(record(last)));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(lines(s3, "buffered/")).hasSize(3).allMatch(l -> l.startsWith("buffered-")));
        }
        second.stop(Duration.ofSeconds(60));
    }

    private static void create(FirehoseClient firehose, String name,
            java.util.function.Consumer<software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration.Builder> destination) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> destination.accept(d.roleARN(ROLE).bucketARN("arn:aws:s3:::crash"))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                        .deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
    }

    private static Record record(String line) {
        return Record.builder().data(SdkBytes.fromString(line + "\n", StandardCharsets.UTF_8)).build();
    }

    /** Every line of every object under the prefix. */
    private static List<String> lines(Lake s3, String prefix) {
        return s3.lines("crash", prefix);
    }
}
