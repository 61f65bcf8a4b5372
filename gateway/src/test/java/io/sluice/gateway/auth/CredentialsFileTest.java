package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.access.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials file of {@code ./sluice-local --credentials} and of the key store's seeding, as the README gives its format. */
class CredentialsFileTest {
    private static final String POLICY = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"kinesis:Get*\", \"Resource\": \"arn:aws:kinesis:*:123456789012:stream/logs-*\"}]}";

    @TempDir
    Path directory;

    @Test
    void keysAreReadWithTheirAccountsAndPolicies() throws Exception {
        Path file = write("{\"credentials\": [{\"accessKeyId\": \"AKIDTEAMREADER00001\", \"secretAccessKey\": \"s1\", "
                + "\"accountId\": \"123456789012\", \"policy\": " + POLICY + "}, "
                + "{\"accessKeyId\": \"AKIDTEAMOWNER000001\", \"secretAccessKey\": \"s2\", \"accountId\": \"210987654321\"}]}");
        List<AccessKey> keys = CredentialsFile.read(file);
        assertThat(keys).extracting(AccessKey::accessKeyId, AccessKey::secretAccessKey, AccessKey::accountId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AKIDTEAMREADER00001", "s1", "123456789012"),
                        org.assertj.core.groups.Tuple.tuple("AKIDTEAMOWNER000001", "s2", "210987654321"));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(keys.get(0).policy())).isEqualTo(json.readTree(POLICY));
        assertThat(Policy.parse(keys.get(0).policy())).isNotNull();
        assertThat(keys.get(1).policy()).isNull();
    }

    @Test
    void whatIsWrongIsNamedWithTheFile() throws Exception {
        Path notAList = write("{\"credentials\": {\"accessKeyId\": \"AKIDTEAMREADER00001\"}}");
        assertThatThrownBy(() -> CredentialsFile.read(notAList)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The credentials file " + notAList + ": expected {\"credentials\": [");
        Path policyText = write("{\"credentials\": [{\"accessKeyId\": \"AKIDTEAMREADER00001\", \"secretAccessKey\": \"s\", "
                + "\"accountId\": \"123456789012\", \"policy\": \"allow everything\"}]}");
        assertThatThrownBy(() -> CredentialsFile.read(policyText)).hasMessageEndingWith("the policy of AKIDTEAMREADER00001 is not a JSON object");
        Path badAccount = write("{\"credentials\": [{\"accessKeyId\": \"AKIDTEAMREADER00001\", \"secretAccessKey\": \"s\", "
                + "\"accountId\": \"1234\"}]}");
        assertThatThrownBy(() -> CredentialsFile.read(badAccount)).hasMessageContaining("is 12 digits, not 1234");
        Path badPolicy = write("{\"credentials\": [{\"accessKeyId\": \"AKIDTEAMREADER00001\", \"secretAccessKey\": \"s\", "
                + "\"accountId\": \"123456789012\", \"policy\": {\"Statement\": [{\"Effect\": \"Perhaps\", \"Action\": \"*\", "
                + "\"Resource\": \"*\"}]}}]}");
        assertThatThrownBy(() -> CredentialsFile.read(badPolicy)).hasMessageContaining("The policy of access key AKIDTEAMREADER00001: ");
        Path unreadable = write("{\"credentials\": [");
        assertThatThrownBy(() -> CredentialsFile.read(unreadable)).hasMessageStartingWith("Cannot read the credentials file " + unreadable);
    }

    private Path write(String text) throws Exception {
        Path file = Files.createTempFile(directory, "credentials", ".json");
        Files.writeString(file, text);
        return file;
    }
}
