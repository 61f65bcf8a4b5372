package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import io.sluice.testsupport.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * A gateway in strict mode with the keys of its configuration: the AWS SDK's clients with a right
 * key get through on every API (SubscribeToShard over HTTP/2 too); a wrong secret, an unknown key, a
 * body altered after signing or a clock 20 minutes off get AWS's errors, and nothing is done; a
 * presigned request is taken until it expires; aws-chunked signed payloads and the REST API's
 * signatures verify.
 */
class AuthenticationIT {
    private static final String KEY_ID = "AKIDSLUICEAUTHTEST1";
    private static final String SECRET = "auth-it/secret+key=0123456789";
    private static final AwsCredentialsProvider RIGHT = StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));
    /** Keys of two other accounts, A (one with no policy, one read-only) and B. */
    private static final AwsCredentialsProvider OWNER_A = key("AKIDACCOUNTAOWNER01");
    private static final AwsCredentialsProvider READER_A = key("AKIDACCOUNTAREADER1");
    private static final AwsCredentialsProvider OWNER_B = key("AKIDACCOUNTBOWNER01");
    private static final String ACCOUNT_A = "111122223333";
    private static final String ACCOUNT_B = "444455556666";
    /** Account A's key that may create, describe and list the shards of its streams named team-* only. */
    private static final String TEAM_ONLY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": [\"kinesis:CreateStream\", \"kinesis:ListShards\", \"kinesis:DescribeStreamSummary\"], "
            + "\"Resource\": \"arn:aws:kinesis:*:111122223333:stream/team-*\"}]}";
    private static final String READ_ONLY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": [\"kinesis:Get*\", \"kinesis:Describe*\", \"kinesis:List*\"], \"Resource\": \"*\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestClock CLOCK = new TestClock();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SluicePlatform platform;

    @BeforeAll
    static void start() {
        ApplicationContextInitializer<ConfigurableApplicationContext> clock =
                context -> context.getBeanFactory().registerSingleton("clock", (java.time.Clock) CLOCK);
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "sluice.gateway.auth.mode", "strict",
                "sluice.gateway.auth.credentials[0].access-key-id", KEY_ID,
                "sluice.gateway.auth.credentials[0].secret-access-key", SECRET,
                "sluice.gateway.auth.credentials[0].account-id", "000000000000"));
        String[][] others = {{"AKIDACCOUNTAOWNER01", ACCOUNT_A, null}, {"AKIDACCOUNTAREADER1", ACCOUNT_A, READ_ONLY},
            {"AKIDACCOUNTBOWNER01", ACCOUNT_B, null}, {"AKIDACCOUNTATEAMONLY", ACCOUNT_A, TEAM_ONLY}};
        for (int i = 0; i < others.length; i++) {
            String prefix = "sluice.gateway.auth.credentials[" + (i + 1) + "].";
            properties.put(prefix + "access-key-id", others[i][0]);
            properties.put(prefix + "secret-access-key", "secret-of-" + others[i][0]);
            properties.put(prefix + "account-id", others[i][1]);
            if (others[i][2] != null) {
                properties.put(prefix + "policy", others[i][2]);
            }
        }
        SluicePlatform.Settings settings = Platform.settings("sluice_auth", Set.of(PlatformService.STREAMS, PlatformService.FIREHOSE,
                PlatformService.ANALYTICS), properties);
        platform = SluicePlatform.start(new SluicePlatform.Settings(settings.gatewayPort(), settings.services(),
                settings.kafkaBootstrapServers(), settings.jdbcUrls(), settings.jdbcUser(), settings.databasePrefix(), settings.properties(),
                List.of(clock), null));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @AfterEach
    void clockBack() {
        CLOCK.reset();
        SdkGlobalTime.setGlobalTimeOffset(0);
    }

    private static AwsCredentialsProvider key(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret-of-" + accessKeyId));
    }

    private static String streamArn(String account, String stream) {
        return "arn:aws:kinesis:us-east-1:" + account + ":stream/" + stream;
    }

    @Test
    void aReadOnlyKeyReadsButCannotPutRecord() {
        try (KinesisClient owner = kinesis(true, OWNER_A); KinesisClient reader = kinesis(false, READER_A)) {
            owner.createStream(b -> b.streamName("acct-read").shardCount(1));
            KinesisStreams.awaitActive(owner, "acct-read");
            owner.putRecord(b -> b.streamName("acct-read").partitionKey("k").data(SdkBytes.fromUtf8String("by the owner")));
            assertThat(reader.describeStreamSummary(b -> b.streamName("acct-read")).streamDescriptionSummary().streamARN())
                    .isEqualTo(streamArn(ACCOUNT_A, "acct-read"));
            assertThat(KinesisStreams.shardRecords(reader, "acct-read", "shardId-000000000000")).containsExactly("by the owner");
            assertThatThrownBy(() -> reader.putRecord(b -> b.streamName("acct-read").partitionKey("k").data(SdkBytes.fromUtf8String("no"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + ACCOUNT_A
                                + ":user/AKIDACCOUNTAREADER1 is not authorized to perform: kinesis:PutRecord on resource: "
                                + streamArn(ACCOUNT_A, "acct-read") + " because no identity-based policy allows the kinesis:PutRecord action");
                    });
            assertThat(KinesisStreams.shardRecords(owner, "acct-read", "shardId-000000000000")).containsExactly("by the owner");
        }
    }

    @Test
    void eachKeysAccountHasItsOwnResourcesAndCannotSeeAnothers() {
        try (KinesisClient a = kinesis(true, OWNER_A); KinesisClient b = kinesis(true, OWNER_B);
                FirehoseClient firehoseA = AwsClients.firehose(endpoint(), OWNER_A);
                FirehoseClient firehoseB = AwsClients.firehose(endpoint(), OWNER_B)) {
            a.createStream(r -> r.streamName("acct-same-name").shardCount(1));
            b.createStream(r -> r.streamName("acct-same-name").shardCount(2));
            KinesisStreams.awaitActive(a, "acct-same-name");
            KinesisStreams.awaitActive(b, "acct-same-name");
            assertThat(a.describeStreamSummary(r -> r.streamName("acct-same-name")).streamDescriptionSummary().openShardCount()).isEqualTo(1);
            assertThat(b.describeStreamSummary(r -> r.streamName("acct-same-name")).streamDescriptionSummary().openShardCount()).isEqualTo(2);
            assertThat(b.describeStreamSummary(r -> r.streamName("acct-same-name")).streamDescriptionSummary().streamARN())
                    .isEqualTo(streamArn(ACCOUNT_B, "acct-same-name"));
            b.createStream(r -> r.streamName("acct-only-b").shardCount(1));
            assertThat(a.listStreams().streamNames()).contains("acct-same-name").doesNotContain("acct-only-b");
            assertThatThrownBy(() -> b.describeStreamSummary(r -> r.streamARN(streamArn(ACCOUNT_A, "acct-same-name"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).endsWith(
                                "because no resource-based policy allows the kinesis:DescribeStreamSummary action");
                    });
            firehoseA.createDeliveryStream(r -> r.deliveryStreamName("acct-delivery").extendedS3DestinationConfiguration(d -> d
                    .roleARN("arn:aws:iam::" + ACCOUNT_A + ":role/firehose").bucketARN("arn:aws:s3:::acct-lake")));
            assertThat(firehoseA.listDeliveryStreams().deliveryStreamNames()).contains("acct-delivery");
            assertThat(firehoseB.listDeliveryStreams().deliveryStreamNames()).doesNotContain("acct-delivery");
        }
    }

    @Test
    void aResourcePolicyGrantsOneActionAcrossAccountsAndNothingMore() {
        try (KinesisClient a = kinesis(true, OWNER_A); KinesisClient b = kinesis(false, OWNER_B)) {
            a.createStream(r -> r.streamName("acct-granted").shardCount(1));
            KinesisStreams.awaitActive(a, "acct-granted");
            String arn = streamArn(ACCOUNT_A, "acct-granted");
            a.putResourcePolicy(r -> r.resourceARN(arn).policy("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
                      "Action": "kinesis:DescribeStreamSummary", "Resource": "%s"}]}""".formatted(ACCOUNT_B, arn)));
            assertThat(b.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary().streamName()).isEqualTo("acct-granted");
            assertThatThrownBy(() -> b.putRecord(r -> r.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("no"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
            assertThatThrownBy(() -> b.getShardIterator(r -> r.streamARN(arn).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
        }
    }

    @Test
    void theRestApiIsAuthorizedAsTheAwsOperations() throws Exception {
        try (KinesisClient owner = kinesis(true, OWNER_A)) {
            owner.createStream(b -> b.streamName("acct-rest").shardCount(1));
            KinesisStreams.awaitActive(owner, "acct-rest");
        }
        SignedRequests.Signed describe = sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint().resolve("/v1/streams/acct-rest"))
                .build(), null, "sluice", "AKIDACCOUNTAREADER1", r -> { });
        HttpResponse<String> described = describe.send();
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        assertThat(JSON.readTree(described.body()).path("StreamDescriptionSummary").path("StreamARN").asText())
                .isEqualTo(streamArn(ACCOUNT_A, "acct-rest"));
        SignedRequests.Signed put = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/v1/streams/acct-rest/records"))
                .putHeader("Content-Type", "application/json").build(), "{\"PartitionKey\": \"k\", \"Data\": {\"n\": 1}}", "sluice",
                "AKIDACCOUNTAREADER1", r -> { });
        HttpResponse<String> refused = put.send();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("title").asText()).isEqualTo("AccessDeniedException");
        HttpResponse<String> otherAccount = sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(endpoint().resolve("/v1/streams/acct-rest")).build(), null, "sluice", "AKIDACCOUNTBOWNER01", r -> { }).send();
        assertThat(otherAccount.statusCode()).as("account B has no stream of that name").isEqualTo(404);
    }

    /** A create over REST is authorized on the stream its body names; a page of ListShards on the stream its token names. */
    @Test
    void aStreamScopedPolicyCoversRestCreatesAndListShardsPages() throws Exception {
        String create = "{\"StreamName\": \"%s\", \"ShardCount\": 2}";
        HttpResponse<String> created = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/v1/streams"))
                .putHeader("Content-Type", "application/json").build(), create.formatted("team-one"), "sluice", "AKIDACCOUNTATEAMONLY", r -> { })
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> refused = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/v1/streams"))
                .putHeader("Content-Type", "application/json").build(), create.formatted("other-one"), "sluice", "AKIDACCOUNTATEAMONLY", r -> { })
                .send();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        try (KinesisClient team = kinesis(true, key("AKIDACCOUNTATEAMONLY"))) {
            var first = team.listShards(b -> b.streamName("team-one").maxResults(1));
            assertThat(first.nextToken()).isNotNull();
            assertThat(team.listShards(b -> b.nextToken(first.nextToken())).shards()).extracting(s -> s.shardId())
                    .containsExactly("shardId-000000000001");
        }
    }

    @Test
    void stsGetCallerIdentityNamesTheKeysAccountAndPrincipal() {
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(OWNER_A).build();
                StsClient stranger = StsClient.builder().endpointOverride(endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .credentialsProvider(AwsClients.CREDENTIALS).build()) {
            var identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(ACCOUNT_A);
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT_A + ":user/AKIDACCOUNTAOWNER01");
            assertThat(identity.userId()).isEqualTo("AKIDACCOUNTAOWNER01");
            assertThatThrownBy(stranger::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + platform.gatewayPort());
    }

    private static KinesisClient kinesis(boolean cbor, AwsCredentialsProvider credentials) {
        return AwsClients.kinesis(endpoint(), cbor, credentials, b -> { });
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void theRightKeyGetsThroughAndAWrongSecretOrAnUnknownKeyDoNot(boolean cbor) {
        String stream = "auth-" + cbor;
        try (KinesisClient kinesis = kinesis(cbor, RIGHT);
                KinesisClient wrongSecret = kinesis(cbor, StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, "wrong")));
                KinesisClient unknown = kinesis(cbor, AwsClients.CREDENTIALS)) {
            kinesis.createStream(b -> b.streamName(stream).shardCount(1));
            KinesisStreams.awaitActive(kinesis, stream);
            kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("signed")));
            assertThatThrownBy(() -> wrongSecret.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("forged"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match");
                    });
            assertThatThrownBy(() -> unknown.listStreams())
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
                    });
            assertThat(KinesisStreams.shardRecords(kinesis, stream, "shardId-000000000000")).containsExactly("signed");
        }
    }

    @Test
    void firehoseAnalyticsAndSubscribeToShardOverHttp2GetThroughWithTheRightKey() throws Exception {
        try (FirehoseClient firehose = AwsClients.firehose(endpoint(), RIGHT);
                KinesisAnalyticsClient analytics = AwsClients.analytics(endpoint(), RIGHT);
                KinesisClient kinesis = kinesis(true, RIGHT);
                KinesisAsyncClient async = AwsClients.kinesisAsync(endpoint(), true, RIGHT)) {
            assertThat(firehose.listDeliveryStreams().hasMoreDeliveryStreams()).isFalse();
            assertThat(analytics.listApplications().hasMoreApplications()).isFalse();
            kinesis.createStream(b -> b.streamName("auth-fan-out").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "auth-fan-out");
            String streamArn = kinesis.describeStreamSummary(b -> b.streamName("auth-fan-out")).streamDescriptionSummary().streamARN();
            String consumer = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("signed")).consumer().consumerARN();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kinesis.describeStreamConsumer(b -> b
                    .consumerARN(consumer)).consumerDescription().consumerStatusAsString().equals("ACTIVE"));
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            CompletableFuture<Void> done = async.subscribeToShard(b -> b.consumerARN(consumer).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)), SubscribeToShardResponseHandler.builder()
                    .subscriber(e -> {
                        if (e instanceof SubscribeToShardEvent event) {
                            event.records().forEach(r -> received.add(r.data().asUtf8String()));
                        }
                    }).build());
            async.putRecord(b -> b.streamName("auth-fan-out").partitionKey("k").data(SdkBytes.fromUtf8String("over h2"))).get();
            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("over h2");
            done.cancel(true);
        }
    }

    @Test
    void aBodyAlteredAfterSigningIsRefusedAndNotActedOn() {
        try (KinesisClient kinesis = kinesis(true, RIGHT);
                KinesisClient tampering = kinesis(false, RIGHT, b -> b.httpClient(new SignedRequests.Tampering("written", "forged!")))) {
            kinesis.createStream(b -> b.streamName("auth-tamper").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "auth-tamper");
            assertThatThrownBy(() -> tampering.putRecord(b -> b.streamName("auth-tamper").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("written"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("InvalidSignatureException"));
            assertThat(KinesisStreams.shardRecords(kinesis, "auth-tamper", "shardId-000000000000")).isEmpty();
        }
    }

    @Test
    void aClockTwentyMinutesOffIsRefusedUnlessTheSdkCorrectsItFromTheGatewaysDate() {
        CLOCK.advance(Duration.ofMinutes(20));
        try (KinesisClient once = kinesis(true, RIGHT, b -> b.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())));
                KinesisClient retrying = kinesis(true, RIGHT)) {
            assertThatThrownBy(once::listStreams).isInstanceOfSatisfying(KinesisException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature expired: ").endsWith(" - 15 min.)");
            });
            assertThat(retrying.listStreams().streamNames()).isNotNull();
        }
    }

    @Test
    void aPresignedRequestIsTakenUntilItExpires() throws Exception {
        SignedRequests.Signed presigned = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "Kinesis_20131202.ListStreams").build(),
                "{}", "kinesis", r -> r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
        assertThat(presigned.uri().getRawQuery()).contains("X-Amz-Signature=");
        HttpResponse<String> taken = presigned.send();
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(JSON.readTree(taken.body()).has("StreamNames")).isTrue();
        CLOCK.advance(Duration.ofMinutes(6));
        HttpResponse<String> expired = presigned.send();
        assertThat(expired.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(expired.body());
        assertThat(error.get("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(error.get("message").asText()).startsWith("Signature expired: ");
    }

    @Test
    void aChunkSignedPayloadIsVerifiedDecodedAndWritten() throws Exception {
        try (KinesisClient kinesis = kinesis(true, RIGHT)) {
            kinesis.createStream(b -> b.streamName("auth-chunked").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "auth-chunked");
            String data = java.util.Base64.getEncoder().encodeToString("chunk ".repeat(30_000).getBytes());
            SignedRequests.Signed chunked = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/"))
                    .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "Kinesis_20131202.PutRecord").build(),
                    "{\"StreamName\":\"auth-chunked\",\"PartitionKey\":\"k\",\"Data\":\"" + data + "\"}", "kinesis",
                    r -> r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));
            assertThat(chunked.headers()).containsKey("x-amz-content-sha256");
            HttpResponse<String> response = chunked.send();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(KinesisStreams.shardRecords(kinesis, "auth-chunked", "shardId-000000000000")).containsExactly("chunk ".repeat(30_000));
        }
    }

    @Test
    void theRestApiTakesSignedRequestsOnly() throws Exception {
        SignedRequests.Signed signed = sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint().resolve("/v1/streams")).build(), null,
                "sluice", r -> { });
        HttpResponse<String> listed = signed.send();
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/v1/streams")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unsigned.body()).get("title").asText()).isEqualTo("MissingAuthenticationTokenException");
    }

    private static KinesisClient kinesis(boolean cbor, AwsCredentialsProvider credentials,
            Consumer<software.amazon.awssdk.services.kinesis.KinesisClientBuilder> more) {
        return AwsClients.kinesis(endpoint(), cbor, credentials, more);
    }

    private static SignedRequests.Signed sign(SdkHttpRequest request, String body, String service,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> more) {
        return SignedRequests.sign(request, body, service, KEY_ID, SECRET, more);
    }

    /** Signed with one of the other accounts' keys (whose secrets are "secret-of-" and the key id). */
    private static SignedRequests.Signed sign(SdkHttpRequest request, String body, String service, String keyId,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> more) {
        return SignedRequests.sign(request, body, service, keyId, "secret-of-" + keyId, more);
    }
}
