package io.sluice.local.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.sluice.local.PlatformService;
import io.sluice.local.SluicePlatform;
import io.sluice.local.TickerCounts;
import io.sluice.testsupport.AwsClients;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The end-to-end scenarios on containers instead of the embedded engines — PostgreSQL, Kafka (the
 * official apache/kafka image, KRaft), MinIO and a Flink session cluster (JobManager and
 * TaskManager, with compose's settings), at the tags docker-compose.yml pins — with the gateway and
 * the three services in this JVM, driven by the AWS SDK's clients. Flink's task managers reach Kafka
 * and MinIO by their names on the containers' network, the services by the ports mapped to this host.
 */
@ExtendWith(DockerAvailable.class)
class ContainerPlatformIT {
    private static final String MINIO_USER = "sluice";
    private static final String MINIO_PASSWORD = "sluice-containers";
    /** Kafka's listener for the containers' network, where Flink's task managers read and write the shards. */
    private static final String KAFKA_IN_NETWORK = "kafka:19092";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Network network;
    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static GenericContainer<?> minio;
    private static GenericContainer<?> jobManager;
    private static GenericContainer<?> taskManager;
    private static SluicePlatform platform;

    @BeforeAll
    static void start() throws Exception {
        network = Network.newNetwork();
        postgres = new PostgreSQLContainer(ComposeFile.image("postgres")).withDatabaseName("sluice").withUsername("sluice").withPassword("sluice");
        kafka = new KafkaContainer(ComposeFile.image("kafka")).withNetwork(network).withNetworkAliases("kafka").withListener(KAFKA_IN_NETWORK);
        minio = new GenericContainer<>(ComposeFile.image("minio")).withCommand("server", "/data").withNetwork(network).withNetworkAliases("minio")
                .withEnv("MINIO_ROOT_USER", MINIO_USER).withEnv("MINIO_ROOT_PASSWORD", MINIO_PASSWORD).withExposedPorts(9000)
                .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000));
        postgres.start();
        kafka.start();
        minio.start();
        MinioClient.builder().endpoint(s3().toString()).credentials(MINIO_USER, MINIO_PASSWORD).build()
                .makeBucket(MakeBucketArgs.builder().bucket("flink-state").build());
        jobManager = flink("flink-jobmanager").withCommand("jobmanager").withNetworkAliases("flink-jobmanager").withExposedPorts(8081)
                .waitingFor(Wait.forHttp("/overview").forPort(8081));
        jobManager.start();
        taskManager = flink("flink-taskmanager").withCommand("taskmanager");
        taskManager.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                JSON.readTree(URI.create(flinkRest() + "/overview").toURL()).path("taskmanagers").asInt() > 0);
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), "sluice", "sluice");
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE sluice_firehose");
            sql.execute("CREATE DATABASE sluice_analytics");
        }
        String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
        String jdbc = postgres.getJdbcUrl();
        String base = jdbc.substring(0, jdbc.lastIndexOf('/') + 1);
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.password", "sluice");
        properties.put("sluice.streams.encryption.master-key", masterKey);
        properties.put("sluice.firehose.encryption.master-key", masterKey);
        for (String service : new String[] {"firehose", "analytics"}) {
            properties.put("sluice." + service + ".s3.endpoint", s3().toString());
            properties.put("sluice." + service + ".s3.access-key", MINIO_USER);
            properties.put("sluice." + service + ".s3.secret-key", MINIO_PASSWORD);
        }
        properties.put("sluice.analytics.flink.rest-url", flinkRest());
        properties.put("sluice.analytics.flink.job-jar", TickerCounts.jobJar().toString());
        properties.put("sluice.analytics.flink.state-dir", "s3://flink-state/applications");
        properties.put("sluice.analytics.flink.kafka-bootstrap-servers", KAFKA_IN_NETWORK);
        platform = SluicePlatform.start(new SluicePlatform.Settings(0, EnumSet.allOf(PlatformService.class),
                kafka.getBootstrapServers(), database -> base + database, "sluice", "sluice", properties, List.of(), null));
    }

    /** A Flink container as docker-compose.yml runs it (S3 plugin, MinIO as its S3), on the containers' network. */
    private static GenericContainer<?> flink(String service) {
        Map<String, String> environment = ComposeFile.environment(service);
        environment.put("AWS_ACCESS_KEY_ID", MINIO_USER);
        environment.put("AWS_SECRET_ACCESS_KEY", MINIO_PASSWORD);
        return new GenericContainer<>(ComposeFile.image(service)).withNetwork(network).withEnv(environment);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        for (var container : new GenericContainer<?>[] {taskManager, jobManager, minio, kafka, postgres}) {
            if (container != null) {
                container.stop();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    private static String flinkRest() {
        return "http://" + jobManager.getHost() + ":" + jobManager.getMappedPort(8081);
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + platform.gatewayPort());
    }

    private static URI s3() {
        return URI.create("http://" + minio.getHost() + ":" + minio.getMappedPort(9000));
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void everyAcknowledgedRecordIsReadBackOnceFromItsShard(boolean cbor) {
        String stream = "containers-" + cbor;
        try (KinesisClient kinesis = AwsClients.kinesis(endpoint(), cbor)) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(2));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
            Map<String, String> written = new HashMap<>();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).data(SdkBytes.fromUtf8String("record-" + i)).build());
            }
            var response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            assertThat(response.failedRecordCount()).isZero();
            for (int i = 0; i < 200; i++) {
                written.put(response.records().get(i).sequenceNumber(), "record-" + i);
            }
            Map<String, String> read = new HashMap<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                kinesis.getRecords(b -> b.shardIterator(iterator)).records().forEach(r -> read.put(r.sequenceNumber(), r.data().asUtf8String()));
            }
            assertThat(read).isEqualTo(written);
        }
    }

    @Test
    void aDeliveryStreamDeliversToMinio() throws Exception {
        MinioClient minio = MinioClient.builder().endpoint(s3().toString()).credentials(MINIO_USER, MINIO_PASSWORD).build();
        minio.makeBucket(MakeBucketArgs.builder().bucket("containers-lake").build());
        try (FirehoseClient firehose = AwsClients.firehose(endpoint())) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("containers-clicks").extendedS3DestinationConfiguration(d -> d
                    .roleARN("arn:aws:iam::000000000000:role/firehose").bucketARN("arn:aws:s3:::containers-lake")
                    .bufferingHints(h -> h.intervalInSeconds(0))));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> firehose.describeDeliveryStream(b -> b
                    .deliveryStreamName("containers-clicks")).deliveryStreamDescription().deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                records.add(Record.builder().data(SdkBytes.fromUtf8String("click-" + i + "\n")).build());
            }
            assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("containers-clicks").records(records)).failedPutCount()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    minio.listObjects(ListObjectsArgs.builder().bucket("containers-lake").recursive(true).build()).iterator().hasNext());
        }
    }

    @Test
    void anApplicationRunsOnTheFlinkContainersAndCheckpointsToMinio() {
        MinioClient minio = MinioClient.builder().endpoint(s3().toString()).credentials(MINIO_USER, MINIO_PASSWORD).build();
        // A checkpoint every 10 s: its metadata, written through compose's S3 settings, is in MinIO within a few.
        TickerCounts.countEveryRecordOnce(endpoint(), "containers-tickers", () -> Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(() -> minio.listObjects(ListObjectsArgs.builder().bucket("flink-state")
                        .prefix("applications/").recursive(true).build()).iterator().hasNext()));
    }
}
