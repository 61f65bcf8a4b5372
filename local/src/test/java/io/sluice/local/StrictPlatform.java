package io.sluice.local;

import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.TestClock;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A platform whose gateway is in strict mode with the keys of its configuration: one of the
 * default account, two of account A (one with no policy, one read-only) and one of account B, and
 * account A's key for streams named team-* only: for the tests of signatures and of policies, each
 * class starting and stopping it.
 */
final class StrictPlatform {
    static final String KEY_ID = "AKIDSLUICEAUTHTEST1";
    static final String SECRET = "auth-it/secret+key=0123456789";
    static final AwsCredentialsProvider RIGHT = StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));
    /** Keys of two other accounts, A (one with no policy, one read-only) and B. */
    static final AwsCredentialsProvider OWNER_A = key("AKIDACCOUNTAOWNER01");
    static final AwsCredentialsProvider READER_A = key("AKIDACCOUNTAREADER1");
    static final AwsCredentialsProvider OWNER_B = key("AKIDACCOUNTBOWNER01");
    static final String ACCOUNT_A = "111122223333";
    static final String ACCOUNT_B = "444455556666";
    /** Account A's key that may create, describe and list the shards of its streams named team-* only. */
    static final String TEAM_ONLY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": [\"kinesis:CreateStream\", \"kinesis:ListShards\", \"kinesis:DescribeStreamSummary\"], "
            + "\"Resource\": \"arn:aws:kinesis:*:111122223333:stream/team-*\"}]}";
    static final String READ_ONLY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": [\"kinesis:Get*\", \"kinesis:Describe*\", \"kinesis:List*\"], \"Resource\": \"*\"}]}";
    /** The clock of the gateway and every service: tests move it. */
    static final TestClock CLOCK = new TestClock();
    private static SluicePlatform platform;

    private StrictPlatform() {
    }

    /**
     * Starts the platform for a test class, which stops it when it is done: a platform left running
     * would have its Firehose consumers join the delivery group of the next tests' platform (one
     * Kafka cluster) and take their partitions.
     */
    static synchronized void start() {
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

    static synchronized void stop() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    /** {@code @ExtendWith(StrictPlatform.PerClass.class)}: the platform runs while the class's tests do. */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            stop();
        }
    }

    static AwsCredentialsProvider key(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret-of-" + accessKeyId));
    }

    static String streamArn(String account, String stream) {
        return "arn:aws:kinesis:us-east-1:" + account + ":stream/" + stream;
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + platform.gatewayPort());
    }

    static KinesisClient kinesis(boolean cbor, AwsCredentialsProvider credentials) {
        return AwsClients.kinesis(endpoint(), cbor, credentials, b -> { });
    }

    static KinesisClient kinesis(boolean cbor, AwsCredentialsProvider credentials,
            Consumer<software.amazon.awssdk.services.kinesis.KinesisClientBuilder> more) {
        return AwsClients.kinesis(endpoint(), cbor, credentials, more);
    }

    static SignedRequests.Signed sign(SdkHttpRequest request, String body, String service,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> more) {
        return SignedRequests.sign(request, body, service, KEY_ID, SECRET, more);
    }

    /** Signed with one of the other accounts' keys (whose secrets are "secret-of-" and the key id). */
    static SignedRequests.Signed sign(SdkHttpRequest request, String body, String service, String keyId,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> more) {
        return SignedRequests.sign(request, body, service, keyId, "secret-of-" + keyId, more);
    }
}
