package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * {@code ./sluice-local} as a user runs it, a process of its own, killed with {@code kill -9} as
 * the OOM killer or a crash would: the next start on the same data directory recovers by itself
 * (an orphaned PostgreSQL is stopped), its PostgreSQL runs with fsync on, a killed launcher's
 * PostgreSQL does not outlive it, and streams, records and S3 objects (written with the MinIO
 * client, one of them in a multipart upload) are all still there, with no leftover of an S3 write
 * the killed run was making. A second launcher on a data directory in use is refused.
 */
class LauncherKillIT {
    private static final byte[] BIG = new byte[12 * 1024 * 1024];

    static {
        new Random(7).nextBytes(BIG);
    }

    @Test
    void theLauncherRecoversFromKillNineAndKeepsEverything(@TempDir Path dataDir) throws Exception {
        Launcher first = Launcher.start(dataDir);
        String sequenceNumber;
        try (KinesisClient kinesis = AwsClients.kinesis(first.endpoint(), true)) {
            kinesis.createStream(b -> b.streamName("survivor").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "survivor");
            sequenceNumber = kinesis.putRecord(b -> b.streamName("survivor").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("acknowledged"))).sequenceNumber();
        }
        MinioClient minio = first.minio();
        minio.makeBucket(MakeBucketArgs.builder().bucket("deliveries").build());
        minio.putObject(PutObjectArgs.builder().bucket("deliveries").object("small.json")
                .stream(new ByteArrayInputStream("{\"a\":1}".getBytes()), 7, -1).contentType("application/json").build());
        minio.putObject(PutObjectArgs.builder().bucket("deliveries").object("2026/11/30/big.bin")
                .stream(new ByteArrayInputStream(BIG), BIG.length, 5 * 1024 * 1024).build());
        assertThat(fsync(dataDir)).as("the launcher's PostgreSQL keeps fsync on").isEqualTo("on");

        // kill -9 of the launcher and of its watchdog: PostgreSQL is orphaned, holding the data directory.
        long orphan = postmaster(dataDir).orElseThrow();
        first.kill(true);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("orphaned PostgreSQL").contains(true);

        // A write S3Proxy was making when the process died: a file beside the object, named by a random uuid.
        Path interrupted = dataDir.resolve("s3/deliveries/small.json-" + UUID.randomUUID());
        Files.writeString(interrupted, "{\"a\":1}");

        Launcher second = Launcher.start(dataDir);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("the orphan was stopped").isFalse();
        assertThat(interrupted).as("the killed run's unfinished S3 write").doesNotExist();
        assertKept(second, sequenceNumber);

        // A second launcher on the same data directory would start a second Kafka on the same logs.
        Launcher.Exit refused = Launcher.runToExit(dataDir);
        assertThat(refused.code()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("Another ./sluice-local is running on the data directory");
        assertKept(second, sequenceNumber);

        // kill -9 of the launcher alone: its watchdog stops PostgreSQL.
        long postgres = postmaster(dataDir).orElseThrow();
        second.kill(false);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false));

        Launcher third = Launcher.start(dataDir);
        assertKept(third, sequenceNumber);
        third.stop(Duration.ofSeconds(60)); // after two kills it took 28 s in runs here (not understood yet)
        assertThat(postmaster(dataDir)).as("a clean stop stops PostgreSQL").isEmpty();
    }

    private static void assertKept(Launcher launcher, String sequenceNumber) throws Exception {
        try (KinesisClient kinesis = AwsClients.kinesis(launcher.endpoint(), true)) {
            assertThat(kinesis.listStreams().streamNames()).contains("survivor");
            List<Record> records = KinesisDataPlaneIT.readAll(kinesis, "survivor", "shardId-000000000000");
            assertThat(records).extracting(Record::sequenceNumber).containsExactly(sequenceNumber);
        }
        MinioClient minio = launcher.minio();
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("deliveries").build())).isTrue();
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket("deliveries").recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        assertThat(keys).containsExactlyInAnyOrder("small.json", "2026/11/30/big.bin");
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("deliveries").object("2026/11/30/big.bin").build())) {
            assertThat(in.readAllBytes()).isEqualTo(BIG);
        }
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket("deliveries").object("small.json").build())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        }
    }

    /** The PostgreSQL server's pid, from postmaster.pid, when that process is alive. */
    private static Optional<Long> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    private static String fsync(Path dataDir) throws Exception {
        int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SHOW fsync")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
