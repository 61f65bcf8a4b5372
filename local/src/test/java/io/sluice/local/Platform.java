package io.sluice.local;

import io.sluice.testsupport.AwsClients;
import io.sluice.engines.EmbeddedFlink;
import io.sluice.testsupport.SharedEngines;
import io.sluice.testsupport.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The platform the end-to-end tests drive: gateway and services started once per test JVM on the
 * shared embedded engines, with a clock the tests can move.
 */
final class Platform {
    static final TestClock CLOCK = new TestClock();
    /** The master key of encryption at rest, new for every test JVM. */
    static final String MASTER_KEY = newMasterKey();
    /**
     * A well-formed signature of a key the platform does not know, which its permissive gateway
     * takes as it is (with {@link #X_AMZ_DATE}): for requests an SDK would never send.
     */
    static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20261123/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";
    static final String X_AMZ_DATE = "20261123T000000Z";
    /** The headers of that signature. */
    static final Map<String, String> SIGNATURE = Map.of("Authorization", AUTHORIZATION, "X-Amz-Date", X_AMZ_DATE);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /**
     * The Flink MiniCluster of the test JVM's platform, started by the first test that runs a job,
     * with as many slots as ./sluice-local gives (each running application takes one).
     */
    static final EmbeddedFlink FLINK = new EmbeddedFlink(4);
    private static SluicePlatform platform;

    private Platform() {
    }

    private static String newMasterKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static synchronized SluicePlatform get() {
        if (platform == null) {
            ApplicationContextInitializer<ConfigurableApplicationContext> clock =
                    context -> context.getBeanFactory().registerSingleton("clock", (Clock) CLOCK);
            platform = SluicePlatform.start(new SluicePlatform.Settings(0, EnumSet.allOf(PlatformService.class),
                    SharedEngines.kafka().bootstrapServers(), SharedEngines.postgres()::jdbcUrl, SharedEngines.postgres().user(),
                    "sluice", Map.of("sluice.streams.encryption.master-key", MASTER_KEY,
                            "sluice.firehose.s3.endpoint", SharedEngines.s3().endpoint().toString(),
                            "sluice.analytics.s3.endpoint", SharedEngines.s3().endpoint().toString(),
                            "sluice.firehose.lambda.url-template", Lambdas.urlTemplate(),
                            "sluice.analytics.lambda.url-template", Lambdas.urlTemplate(),
                            "sluice.firehose.encryption.master-key", MASTER_KEY,
                            "sluice.analytics.metrics-every", "500ms"),
                    List.of(clock), FLINK::restAddress));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                FLINK.close();
            }));
        }
        return platform;
    }

    /**
     * Settings of a further platform on the shared engines, with its own databases, running only
     * {@code services} (a second platform that changes one property need not start the others).
     */
    static SluicePlatform.Settings settings(String databasePrefix, Set<PlatformService> services, Map<String, String> properties) {
        return new SluicePlatform.Settings(0, services, SharedEngines.kafka().bootstrapServers(),
                SharedEngines.postgres()::jdbcUrl, SharedEngines.postgres().user(), databasePrefix, properties, List.of(), null);
    }

    static String kafkaBootstrapServers() {
        return SharedEngines.kafka().bootstrapServers();
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + get().gatewayPort());
    }

    /** A Kinesis client through the gateway, recording the Content-Type of every request it sends. */
    static KinesisClient kinesis(boolean cbor, List<String> contentTypes) {
        return AwsClients.kinesis(endpoint(), cbor, c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        contentTypes.add(context.httpRequest().firstMatchingHeader("Content-Type").orElse(""));
                    }
                }));
    }

    static KinesisClient kinesis() {
        return kinesis(true, new CopyOnWriteArrayList<>());
    }

    /**
     * The SDK's asynchronous Kinesis client through the gateway: Netty, HTTP/2 (cleartext, prior
     * knowledge), as SubscribeToShard requires.
     */
    static KinesisAsyncClient kinesisAsync(boolean cbor) {
        return AwsClients.kinesisAsync(endpoint(), cbor);
    }

    /** A raw request to the gateway, for what an SDK would never send. */
    static HttpResponse<byte[]> post(String target, String contentType, byte[] body, Map<String, String> headers) throws Exception {
        return post(endpoint(), target, contentType, body, headers);
    }

    /** A raw request to another platform's gateway. */
    static HttpResponse<byte[]> post(URI endpoint, String target, String contentType, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
