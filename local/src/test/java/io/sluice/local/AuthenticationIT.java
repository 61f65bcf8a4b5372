package io.sluice.local;

import static io.sluice.local.StrictPlatform.CLOCK;
import static io.sluice.local.StrictPlatform.KEY_ID;
import static io.sluice.local.StrictPlatform.RIGHT;
import static io.sluice.local.StrictPlatform.endpoint;
import static io.sluice.local.StrictPlatform.key;
import static io.sluice.local.StrictPlatform.kinesis;
import static io.sluice.local.StrictPlatform.sign;
import static io.sluice.local.StrictPlatform.streamArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;

/**
 * A gateway in strict mode with the keys of its configuration ({@link StrictPlatform}): the AWS
 * SDK's clients with a right key get through on every API (SubscribeToShard over HTTP/2 too); a
 * wrong secret, an unknown key, a body altered after signing or a clock 20 minutes off get AWS's
 * errors on Kinesis, Firehose and Kinesis Analytics alike, and nothing is done; a
 * presigned request is taken until it expires; aws-chunked signed payloads and the REST API's
 * signatures verify.
 */
@ExtendWith(StrictPlatform.PerClass.class)
class AuthenticationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void clockBack() {
        CLOCK.reset();
        SdkGlobalTime.setGlobalTimeOffset(0);
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
                KinesisClient tampering = kinesis(false, RIGHT, b -> b.httpClient(SignedRequests.Tampering.blob("written", "forged!")))) {
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
    void firehoseAndAnalyticsRefuseAWrongSecretAnAlteredBodyAndASkewedClock() {
        AwsCredentialsProvider wrongSecret = StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, "wrong"));
        Consumer<ClientOverrideConfiguration.Builder> once = o -> o.retryStrategy(AwsRetryStrategy.doNotRetry());
        try (FirehoseClient firehoseWrong = AwsClients.firehose(endpoint(), wrongSecret);
                KinesisAnalyticsClient analyticsWrong = AwsClients.analytics(endpoint(), wrongSecret);
                FirehoseClient firehoseTampering = AwsClients.firehose(endpoint(), RIGHT,
                        b -> b.httpClient(SignedRequests.Tampering.blob("put", "forged")));
                KinesisAnalyticsClient analyticsTampering = AwsClients.analytics(endpoint(), RIGHT,
                        b -> b.httpClient(SignedRequests.Tampering.text("auth-signed-app", "auth-forged-app")));
                KinesisAnalyticsClient analytics = AwsClients.analytics(endpoint(), RIGHT);
                FirehoseClient firehoseSkewed = AwsClients.firehose(endpoint(), RIGHT, b -> b.overrideConfiguration(once));
                KinesisAnalyticsClient analyticsSkewed = AwsClients.analytics(endpoint(), RIGHT, b -> b.overrideConfiguration(once))) {
            assertThat(errorOf(() -> firehoseWrong.listDeliveryStreams())).startsWith("InvalidSignatureException: The request signature we "
                    + "calculated does not match");
            assertThat(errorOf(() -> analyticsWrong.listApplications())).startsWith("InvalidSignatureException: The request signature we "
                    + "calculated does not match");
            // Unaltered, this put would be answered ResourceNotFoundException by the service: the gateway refuses it first.
            assertThat(errorOf(() -> firehoseTampering.putRecord(b -> b.deliveryStreamName("auth-none")
                    .record(r -> r.data(SdkBytes.fromUtf8String("put")))))).startsWith("InvalidSignatureException: ");
            assertThat(errorOf(() -> analyticsTampering.createApplication(b -> b.applicationName("auth-signed-app"))))
                    .startsWith("InvalidSignatureException: ");
            assertThat(analytics.listApplications().applicationSummaries()).extracting(s -> s.applicationName())
                    .doesNotContain("auth-signed-app", "auth-forged-app");

            CLOCK.advance(Duration.ofMinutes(20));
            assertThat(errorOf(() -> firehoseSkewed.listDeliveryStreams())).startsWith("InvalidSignatureException: Signature expired: ");
            assertThat(errorOf(() -> analyticsSkewed.listApplications())).startsWith("InvalidSignatureException: Signature expired: ");
        }
    }

    /** The code and message of the AWS error a call fails with. */
    private static String errorOf(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("the call succeeded");
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
    void theRestApiTakesRightlySignedRequestsOnly() throws Exception {
        SignedRequests.Signed signed = sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint().resolve("/v1/streams")).build(), null,
                "sluice", r -> { });
        HttpResponse<String> listed = signed.send();
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/v1/streams")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unsigned.body()).get("title").asText()).isEqualTo("MissingAuthenticationTokenException");
        HttpResponse<String> wrongSecret = SignedRequests.sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(endpoint().resolve("/v1/streams")).build(), null, "sluice", KEY_ID, "wrong", r -> { }).send();
        assertThat(wrongSecret.statusCode()).as(wrongSecret.body()).isEqualTo(401);
        assertThat(JSON.readTree(wrongSecret.body()).get("title").asText()).isEqualTo("InvalidSignatureException");
    }
}
