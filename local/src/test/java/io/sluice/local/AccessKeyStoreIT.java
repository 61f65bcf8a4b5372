package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.crypto.MasterKey;
import io.sluice.gateway.auth.AccessKey;
import io.sluice.gateway.auth.AccessKeyTable;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * A strict gateway with an access key store in PostgreSQL: the configured key is written to it at
 * start with its secret sealed under the master key; a key another gateway (or its seed) stores is
 * served from the next refresh on, and a key removed from the table is refused from then on.
 */
class AccessKeyStoreIT {
    private static final String DATABASE = "sluice_keystore_gateway";
    private static final String MASTER_KEY = Platform.MASTER_KEY;
    private static final String SEEDED = "AKIDSTORESEEDED0001";
    private static final String SEEDED_SECRET = "seeded/secret+of=the-store";
    private static final String ACCOUNT = "210987654321";
    private static SluicePlatform platform;
    private static DriverManagerDataSource database;

    @BeforeAll
    static void start() {
        String url = SharedEngines.postgres().jdbcUrl(DATABASE);
        database = new DriverManagerDataSource(url, SharedEngines.postgres().user(), "");
        platform = SluicePlatform.start(Platform.settings("sluice_keystore", Set.of(PlatformService.STREAMS), Map.of(
                "sluice.gateway.auth.mode", "strict",
                "sluice.gateway.auth.credentials[0].access-key-id", SEEDED,
                "sluice.gateway.auth.credentials[0].secret-access-key", SEEDED_SECRET,
                "sluice.gateway.auth.credentials[0].account-id", ACCOUNT,
                "sluice.gateway.auth.store.url", url,
                "sluice.gateway.auth.store.username", SharedEngines.postgres().user(),
                "sluice.gateway.auth.store.master-key", MASTER_KEY,
                "sluice.gateway.auth.store.refresh-interval", "200ms")));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theConfiguredKeyIsStoredSealedAndServesItsAccount() {
        byte[] sealed = JdbcClient.create(database).sql("SELECT sealed_secret FROM access_keys WHERE access_key_id = ?").param(SEEDED)
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SEEDED_SECRET);
        assertThat(sealed.length).as("nonce, ciphertext and tag").isEqualTo(12 + SEEDED_SECRET.length() + 16);
        try (KinesisClient kinesis = kinesis(SEEDED, SEEDED_SECRET)) {
            kinesis.createStream(b -> b.streamName("stored-key-stream").shardCount(1));
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("stored-key-stream")).streamDescriptionSummary().streamARN())
                    .isEqualTo("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/stored-key-stream");
        }
    }

    @Test
    void aKeyStoredElsewhereCountsFromTheNextRefreshAndARemovedOneNoLonger() throws Exception {
        String id = "AKIDSTOREDLATER0001";
        try (KinesisClient kinesis = kinesis(id, "stored-later-secret")) {
            assertThat(errorOf(kinesis)).isEqualTo("UnrecognizedClientException");
            new AccessKeyTable(database, new MasterKey(MASTER_KEY, "test")).put(new AccessKey(id, "stored-later-secret", ACCOUNT, null));
            awaitAnswer(kinesis, null);
            JdbcClient.create(database).sql("DELETE FROM access_keys WHERE access_key_id = ?").param(id).update();
            awaitAnswer(kinesis, "UnrecognizedClientException");
        }
    }

    @Test
    void keysDoNotOpenUnderAnotherMasterKeyOrMovedToAnotherRow() {
        byte[] other = new byte[32];
        String otherMaster = java.util.Base64.getEncoder().encodeToString(other);
        assertThat(new AccessKeyTable(database, new MasterKey(otherMaster, "test")).all()).isEmpty();
        AccessKeyTable table = new AccessKeyTable(database, new MasterKey(MASTER_KEY, "test"));
        table.put(new AccessKey("AKIDSTOREMOVEDSECRET", "a-secret-of-its-own", ACCOUNT, null));
        JdbcClient.create(database).sql("UPDATE access_keys SET sealed_secret = (SELECT sealed_secret FROM access_keys WHERE access_key_id = ?)"
                + " WHERE access_key_id = ?").params(SEEDED, "AKIDSTOREMOVEDSECRET").update();
        List<String> opened = table.all().stream().map(AccessKey::accessKeyId).toList();
        assertThat(opened).contains(SEEDED).doesNotContain("AKIDSTOREMOVEDSECRET");
        JdbcClient.create(database).sql("DELETE FROM access_keys WHERE access_key_id = ?").param("AKIDSTOREMOVEDSECRET").update();
    }

    private static void awaitAnswer(KinesisClient kinesis, String error) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = errorOf(kinesis);
        while (!java.util.Objects.equals(last, error) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = errorOf(kinesis);
        }
        assertThat(last).isEqualTo(error);
    }

    /** The error code of ListStreams, null when it succeeds. */
    private static String errorOf(KinesisClient kinesis) {
        try {
            kinesis.listStreams();
            return null;
        } catch (KinesisException e) {
            return e.awsErrorDetails().errorCode();
        }
    }

    private static KinesisClient kinesis(String id, String secret) {
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
        return AwsClients.kinesis(URI.create("http://127.0.0.1:" + platform.gatewayPort()), true, credentials, b -> { });
    }
}
