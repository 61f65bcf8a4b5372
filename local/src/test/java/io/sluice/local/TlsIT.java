package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * {@code ./sluice-local --tls}: the gateway serves HTTPS with a self-signed certificate made in the
 * data directory. The SDK connects when it trusts the certificate (HTTP/1.1, and HTTP/2 by ALPN for
 * SubscribeToShard) and refuses without; the KPL, whose native daemon speaks only HTTPS, writes
 * aggregated records, and a KCL application de-aggregates every one of them.
 */
class TlsIT {
    @TempDir
    static Path dataDir;
    private static SluiceLocal local;
    private static LocalTls tls;

    @BeforeAll
    static void start() throws Exception {
        local = SluiceLocal.start(LocalOptions.parse("--port", "0", "--s3-port", "0", "--data-dir", dataDir.toString(), "--tls"));
        tls = LocalTls.in(dataDir.resolve("tls"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (local != null) {
            local.close();
        }
    }

    private static URI endpoint() {
        return URI.create("https://localhost:" + local.gatewayPort());
    }

    private static TlsTrustManagersProvider trusting() {
        return () -> {
            try (InputStream in = Files.newInputStream(tls.trustStore())) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, LocalTls.TRUST_STORE_PASSWORD.toCharArray());
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                return factory.getTrustManagers();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static KinesisClient kinesis(boolean trusted) {
        return AwsClients.kinesis(endpoint(), true, AwsClients.CREDENTIALS, b -> b.httpClient(trusted
                ? ApacheHttpClient.builder().tlsTrustManagersProvider(trusting()).build() : ApacheHttpClient.create()));
    }

    private static KinesisAsyncClient kinesisAsync() {
        return KinesisAsyncClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(AwsClients.CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).protocolNegotiation(ProtocolNegotiation.ALPN)
                        .tlsTrustManagersProvider(trusting()))
                .build();
    }

    @Test
    void theSdkConnectsWhenItTrustsTheCertificateAndRefusesWithout() {
        try (KinesisClient trusted = kinesis(true); KinesisClient untrusted = kinesis(false)) {
            trusted.createStream(b -> b.streamName("tls-trusted").shardCount(1));
            KinesisStreams.awaitActive(trusted, "tls-trusted");
            assertThat(trusted.listStreams().streamNames()).contains("tls-trusted");
            assertThatThrownBy(untrusted::listStreams).isInstanceOf(SdkClientException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    void aPemCertificateAndKeyServeTheGatewayToo() throws Exception {
        // The --tls key written out as PEM files, as a certificate authority or cert-manager hands them over.
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            store.load(in, tls.password().toCharArray());
        }
        java.security.Key key = store.getKey(store.aliases().nextElement(), tls.password().toCharArray());
        Path keyFile = Files.writeString(dataDir.resolve("pem-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        SluicePlatform.Settings settings = Platform.settings("sluice_tls_pem", java.util.Set.of(PlatformService.STREAMS), Map.of(
                SluicePlatform.GATEWAY_TLS + "certificate", tls.certificate().toString(),
                SluicePlatform.GATEWAY_TLS + "certificate-private-key", keyFile.toString()));
        try (SluicePlatform pem = SluicePlatform.start(settings)) {
            URI https = URI.create("https://localhost:" + pem.gatewayPort());
            try (KinesisClient trusted = AwsClients.kinesis(https, false, AwsClients.CREDENTIALS,
                    b -> b.httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(trusting()).build()));
                    KinesisClient untrusted = AwsClients.kinesis(https, false, AwsClients.CREDENTIALS, b -> b.httpClient(ApacheHttpClient.create()))) {
                assertThat(trusted.listStreams().streamNames()).isNotNull();
                assertThatThrownBy(untrusted::listStreams).isInstanceOf(SdkClientException.class).hasCauseInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void subscribeToShardRunsOverHttp2NegotiatedByAlpn() throws Exception {
        try (KinesisClient kinesis = kinesis(true); KinesisAsyncClient async = kinesisAsync()) {
            kinesis.createStream(b -> b.streamName("tls-h2").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "tls-h2");
            String streamArn = kinesis.describeStreamSummary(b -> b.streamName("tls-h2")).streamDescriptionSummary().streamARN();
            String consumer = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("tls")).consumer().consumerARN();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(consumer))
                    .consumerDescription().consumerStatusAsString().equals("ACTIVE"));
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            var done = async.subscribeToShard(b -> b.consumerARN(consumer).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)), SubscribeToShardResponseHandler.builder()
                    .subscriber(e -> {
                        if (e instanceof SubscribeToShardEvent event) {
                            event.records().forEach(r -> received.add(r.data().asUtf8String()));
                        }
                    }).build());
            kinesis.putRecord(b -> b.streamName("tls-h2").partitionKey("k").data(SdkBytes.fromUtf8String("over h2 and TLS")));
            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("over h2 and TLS");
            done.cancel(true);
        }
    }

    @Test
    void theKplWritesAggregatedRecordsOverHttpsAndTheKclDeaggregatesEveryOne() throws Exception {
        try (KinesisClient kinesis = kinesis(true)) {
            kinesis.createStream(b -> b.streamName("tls-kpl").shardCount(2));
            KinesisStreams.awaitActive(kinesis, "tls-kpl");
        }
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setRegion("us-east-1").setKinesisEndpoint("localhost").setKinesisPort(local.gatewayPort())
                .setStsEndpoint("localhost").setStsPort(local.gatewayPort())
                .setVerifyCertificate(false).setCredentialsProvider(AwsClients.CREDENTIALS)
                .setMetricsLevel("none").setAggregationEnabled(true).setRecordMaxBufferedTime(200)
                .setTempDirectory(dataDir.resolve("kpl").toString()).setLogLevel("warning");
        Files.createDirectories(dataDir.resolve("kpl"));
        List<String> written = new ArrayList<>();
        KinesisProducer producer = new KinesisProducer(config);
        try {
            // The KPL aggregates once it knows the shard map (ListShards), which it fetches as it starts.
            written.add("first record");
            assertThat(producer.addUserRecord("tls-kpl", "first", java.nio.ByteBuffer.wrap("first record".getBytes()))
                    .get(60, TimeUnit.SECONDS).isSuccessful()).isTrue();
            Thread.sleep(2_000);
            List<Future<UserRecordResult>> results = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String data = "user record " + i;
                written.add(data);
                results.add(producer.addUserRecord("tls-kpl", "key-" + (i % 7), java.nio.ByteBuffer.wrap(data.getBytes())));
            }
            producer.flushSync();
            for (Future<UserRecordResult> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).isSuccessful()).isTrue();
            }
        } finally {
            producer.destroy();
        }
        int kinesisRecords = 0;
        try (KinesisClient kinesis = kinesis(true)) {
            for (var shard : kinesis.listShards(b -> b.streamName("tls-kpl")).shards()) {
                kinesisRecords += KinesisStreams.shardData(kinesis, "tls-kpl", shard.shardId()).size();
            }
        }
        assertThat(kinesisRecords).as("Kinesis records holding 601 aggregated user records").isPositive().isLessThan(100);

        Map<String, AtomicInteger> processed = consumeWithKcl("tls-kpl", written.size());
        assertThat(processed.keySet()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(processed.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        System.out.printf("KPL over TLS: 601 user records in %d Kinesis records, each de-aggregated once by the KCL%n", kinesisRecords);
    }

    /** Runs a KCL application (polling, leases in DynamoDB Local) until it has processed {@code expected} user records. */
    private static Map<String, AtomicInteger> consumeWithKcl(String stream, int expected) throws Exception {
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        try (DynamoDbLocal dynamo = DynamoDbLocal.start();
                KinesisAsyncClient kinesis = kinesisAsync();
                DynamoDbAsyncClient leases = DynamoDbAsyncClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(AwsClients.CREDENTIALS).build();
                CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                        .region(Region.US_EAST_1).credentialsProvider(AwsClients.CREDENTIALS).build()) {
            ConfigsBuilder configs = new ConfigsBuilder(new SingleStreamTracker(stream,
                    InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                    "app-" + stream, kinesis, leases, cloudWatch, "worker-1", () -> new Counting(processed));
            Scheduler scheduler = new Scheduler(configs.checkpointConfig(), configs.coordinatorConfig(),
                    configs.leaseManagementConfig().failoverTimeMillis(2_000).shardSyncIntervalMillis(1_000), configs.lifecycleConfig(),
                    configs.metricsConfig().metricsFactory(new NullMetricsFactory()), configs.processorConfig(),
                    configs.retrievalConfig().retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(250)));
            Thread worker = new Thread(scheduler, "kcl-" + stream);
            worker.setDaemon(true);
            worker.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> processed.values().stream().mapToInt(AtomicInteger::get).sum() >= expected);
                Thread.sleep(1_000); // anything processed twice would show now
            } finally {
                scheduler.startGracefulShutdown().get(30, TimeUnit.SECONDS);
            }
        }
        return processed;
    }

    /** Counts each user record the KCL hands over, by its data. */
    private record Counting(Map<String, AtomicInteger> processed) implements ShardRecordProcessor {
        @Override
        public void initialize(InitializationInput input) {
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord record : input.records()) {
                byte[] data = new byte[record.data().remaining()];
                record.data().get(data);
                processed.computeIfAbsent(new String(data), d -> new AtomicInteger()).incrementAndGet();
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            KclCheckpoints.checkpoint(input.checkpointer());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
        }
    }
}
