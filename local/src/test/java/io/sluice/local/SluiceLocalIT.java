package io.sluice.local;

import io.sluice.testsupport.AwsClients;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testsupport.KinesisStreams;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The one-command platform on its own engines: streams and records survive a stop and a start on
 * the same data directory. Prints how long each start took (the target is under 30 s).
 */
class SluiceLocalIT {

    @Test
    void streamsAndRecordsSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
        String sequenceNumber;
        LocalOptions options = LocalOptions.parse("--port", "0", "--s3-port", "0", "--data-dir", dataDir.toString());
        long started = System.nanoTime();
        try (SluiceLocal local = SluiceLocal.start(options)) {
            System.out.printf("sluice-local first start: %.1f s%n", (System.nanoTime() - started) / 1e9);
            try (KinesisClient kinesis = client(local.gatewayPort())) {
                kinesis.createStream(b -> b.streamName("kept").shardCount(1));
                KinesisStreams.awaitActive(kinesis, "kept");
                sequenceNumber = kinesis.putRecord(b -> b.streamName("kept").partitionKey("k")
                        .data(SdkBytes.fromUtf8String("still here"))).sequenceNumber();
            }
        }
        started = System.nanoTime();
        try (SluiceLocal local = SluiceLocal.start(options)) {
            System.out.printf("sluice-local restart on existing data: %.1f s%n", (System.nanoTime() - started) / 1e9);
            try (KinesisClient kinesis = client(local.gatewayPort())) {
                assertThat(kinesis.listStreams().streamNames()).containsExactly("kept");
                List<Record> records = KinesisDataPlaneIT.readAll(kinesis, "kept", "shardId-000000000000");
                assertThat(records).extracting(Record::sequenceNumber).containsExactly(sequenceNumber);
                assertThat(records.get(0).data().asUtf8String()).isEqualTo("still here");
            }
        }
    }

    private static KinesisClient client(int port) {
        return AwsClients.kinesis(URI.create("http://127.0.0.1:" + port), true);
    }
}
