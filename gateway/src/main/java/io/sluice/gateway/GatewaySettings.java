package io.sluice.gateway;

import io.sluice.common.protocol.AwsService;
import io.sluice.gateway.auth.AccessKey;
import io.sluice.gateway.auth.AuthMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway, bound from {@code sluice.gateway.*}.
 *
 * @param streamsUri where the Kinesis Data Streams service listens
 * @param firehoseUri where the Firehose service listens
 * @param analyticsUri where the Kinesis Analytics service listens
 * @param maxRequestSize largest request body accepted (PutRecords' 5 MiB, base64-expanded, fits)
 * @param auth how requests are authenticated
 * @param readTimeout the longest pause while a request's body arrives before it is answered 408 and its connection closed
 */
@ConfigurationProperties("sluice.gateway")
public record GatewaySettings(
        @DefaultValue("http://127.0.0.1:4567") String streamsUri,
        @DefaultValue("http://127.0.0.1:4568") String firehoseUri,
        @DefaultValue("http://127.0.0.1:4569") String analyticsUri,
        @DefaultValue("16MB") DataSize maxRequestSize,
        @DefaultValue Auth auth,
        @DefaultValue("20s") Duration readTimeout) {

    /**
     * @param mode strict (only known keys, signatures verified) or permissive (any well-formed
     *     signature; known keys still verified; unsigned REST requests taken)
     * @param credentials access keys of the configuration ({@code sluice.gateway.auth.credentials[0].access-key-id} …)
     * @param credentialsFile a credentials file ({@code {"credentials": [...]}}) with more keys
     * @param defaultAccountId the account STS GetCallerIdentity names for a key a permissive gateway does not know
     *     (the services' own default account)
     * @param store the access key store of managed setups, used when its URL is set
     */
    public record Auth(@DefaultValue("strict") AuthMode mode, @DefaultValue List<Credential> credentials, Path credentialsFile,
            @DefaultValue("000000000000") String defaultAccountId, @DefaultValue Store store) {
    }

    /**
     * The access keys of managed setups, in PostgreSQL: the keys of the configuration and the credentials file are
     * written to it at every start, and the gateway serves every key it holds.
     *
     * @param url its JDBC URL ({@code jdbc:postgresql://host:5432/sluice_gateway}); none when unset
     * @param username the database user
     * @param password the database password
     * @param masterKey 32 bytes, base64: seals the secrets in the table
     * @param refreshInterval how often the table is read again (keys added or removed elsewhere count from then on)
     */
    public record Store(String url, String username, String password, String masterKey, @DefaultValue("10s") Duration refreshInterval) {
        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /** An access key as the configuration writes it; {@code policy} an IAM-style policy document (JSON), optional. */
    public record Credential(String accessKeyId, String secretAccessKey, String accountId, String policy) {
        public AccessKey accessKey() {
            return new AccessKey(accessKeyId, secretAccessKey, accountId, policy);
        }
    }

    /** Where requests of {@code service} go. */
    public String uriOf(AwsService service) {
        return switch (service) {
            case KINESIS -> streamsUri;
            case FIREHOSE -> firehoseUri;
            case KINESIS_ANALYTICS -> analyticsUri;
            case GLUE -> firehoseUri;
        };
    }
}
