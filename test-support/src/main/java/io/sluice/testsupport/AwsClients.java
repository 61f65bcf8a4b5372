package io.sluice.testsupport;

import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK for Java v2 clients the tests drive, pointed at a Sluice endpoint with test
 * credentials in us-east-1. The one place tests build clients.
 */
public final class AwsClients {
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final String CBOR_SETTING = "aws.cborEnabled";

    private AwsClients() {
    }

    /** A Kinesis client speaking CBOR (the SDK's default) or JSON. */
    public static KinesisClient kinesis(URI endpoint, boolean cbor) {
        return kinesis(endpoint, cbor, c -> { });
    }

    /**
     * A Kinesis client speaking CBOR or JSON, with overrides (interceptors that record what is sent,
     * a retry strategy that does not retry throttled calls).
     */
    public static KinesisClient kinesis(URI endpoint, boolean cbor, Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return kinesis(endpoint, cbor, CREDENTIALS, builder -> builder.overrideConfiguration(overrides));
    }

    /** A Kinesis client speaking CBOR or JSON with other credentials, and anything more its builder is told. */
    public static KinesisClient kinesis(URI endpoint, boolean cbor, AwsCredentialsProvider credentials, Consumer<KinesisClientBuilder> more) {
        return withCbor(cbor, () -> {
            KinesisClientBuilder builder = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials);
            more.accept(builder);
            return builder.build();
        });
    }

    /**
     * The asynchronous Kinesis client on Netty, HTTP/2 cleartext with prior knowledge, as
     * SubscribeToShard requires.
     */
    public static KinesisAsyncClient kinesisAsync(URI endpoint, boolean cbor) {
        return kinesisAsync(endpoint, cbor, CREDENTIALS);
    }

    /** The asynchronous Kinesis client (HTTP/2) with other credentials. */
    public static KinesisAsyncClient kinesisAsync(URI endpoint, boolean cbor, AwsCredentialsProvider credentials) {
        return withCbor(cbor, () -> KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                .build());
    }

    public static FirehoseClient firehose(URI endpoint) {
        return firehose(endpoint, CREDENTIALS);
    }

    public static FirehoseClient firehose(URI endpoint, AwsCredentialsProvider credentials) {
        return firehose(endpoint, credentials, builder -> { });
    }

    /** A Firehose client with other credentials, and anything more its builder is told. */
    public static FirehoseClient firehose(URI endpoint, AwsCredentialsProvider credentials, Consumer<FirehoseClientBuilder> more) {
        FirehoseClientBuilder builder = FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials);
        more.accept(builder);
        return builder.build();
    }

    public static KinesisAnalyticsClient analytics(URI endpoint) {
        return analytics(endpoint, CREDENTIALS);
    }

    public static KinesisAnalyticsClient analytics(URI endpoint, AwsCredentialsProvider credentials) {
        return analytics(endpoint, credentials, builder -> { });
    }

    /** A Kinesis Analytics client with other credentials, and anything more its builder is told. */
    public static KinesisAnalyticsClient analytics(URI endpoint, AwsCredentialsProvider credentials,
            Consumer<KinesisAnalyticsClientBuilder> more) {
        KinesisAnalyticsClientBuilder builder = KinesisAnalyticsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials);
        more.accept(builder);
        return builder.build();
    }

    /** An S3 client with path-style addressing, as the embedded S3 server and MinIO serve it. */
    public static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .forcePathStyle(true).build();
    }

    /**
     * Builds a client with the SDK's CBOR setting as asked. The SDK reads the setting (a JVM-wide
     * system property) once, when it builds the client's protocol factory; it is set for the build
     * alone and put back afterwards, so clients built here do not change each other's encoding.
     */
    private static synchronized <T> T withCbor(boolean cbor, Supplier<T> build) {
        String before = System.getProperty(CBOR_SETTING);
        System.setProperty(CBOR_SETTING, String.valueOf(cbor));
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(CBOR_SETTING);
            } else {
                System.setProperty(CBOR_SETTING, before);
            }
        }
    }
}
