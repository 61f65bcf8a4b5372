package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void defaultsToPort4566AndADirectoryUnderHome() {
        LocalOptions options = LocalOptions.parse();
        assertThat(options.port()).isEqualTo(4566);
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.s3Port()).isEqualTo(9000);
        assertThat(options.properties()).isEmpty();
        assertThat(options.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".sluice").toAbsolutePath());
    }

    @Test
    void readsEveryOption() {
        LocalOptions options = LocalOptions.parse("--port", "5000", "--data-dir", "/tmp/x/../y", "--kafka-port", "9093",
                "--s3-port", "9100", "--sluice.streams.throughput.enabled=false", "--sluice.streams.limits.shard-limit=1000");
        assertThat(options.port()).isEqualTo(5000);
        assertThat(options.kafkaPort()).isEqualTo(9093);
        assertThat(options.s3Port()).isEqualTo(9100);
        assertThat(options.properties()).containsOnly(
                java.util.Map.entry("sluice.streams.throughput.enabled", "false"),
                java.util.Map.entry("sluice.streams.limits.shard-limit", "1000"));
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/y"));
        assertThat(LocalOptions.parse("--help").help()).isTrue();
    }

    @Test
    void logsAsTextUnlessJsonIsAskedForByOptionOrEnvironment() {
        assertThat(LocalOptions.parseWith(null).logFormat()).isEqualTo("text");
        assertThat(LocalOptions.parseWith("json").logFormat()).isEqualTo("json");
        assertThat(LocalOptions.parseWith("json", "--log-format", "text").logFormat()).isEqualTo("text");
        assertThat(LocalOptions.parseWith(null, "--log-format", "json").logFormat()).isEqualTo("json");
        assertThatThrownBy(() -> LocalOptions.parseWith("xml")).hasMessageContaining("text or json, not xml");
        assertThatThrownBy(() -> LocalOptions.parseWith(null, "--log-format", "yaml")).hasMessageContaining("text or json");
    }

    @Test
    void theMasterKeyIsCreatedOnceInTheDataDirectoryReadableByItsOwnerOnly(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("data/master.key");
        String key = SluiceLocal.masterKey(file);
        assertThat(java.util.Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(SluiceLocal.masterKey(file)).as("read back on the next start").isEqualTo(key);
        assertThat(SluiceLocal.masterKey(dir.resolve("other/master.key"))).as("another data directory").isNotEqualTo(key);
    }

    @Test
    void authAndCredentialsSetTheGatewaysMode() {
        assertThat(LocalOptions.parse().properties()).doesNotContainKey(LocalOptions.AUTH_MODE);
        LocalOptions strict = LocalOptions.parse("--auth", "strict", "--credentials", "keys.json");
        assertThat(strict.properties()).containsEntry("sluice.gateway.auth.mode", "strict")
                .containsEntry("sluice.gateway.auth.credentials-file", Path.of("keys.json").toAbsolutePath().toString());
        assertThatThrownBy(() -> LocalOptions.parse("--auth", "lax")).hasMessageContaining("strict or permissive, not lax");
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> LocalOptions.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalOptions.parse("--port", "http")).hasMessageContaining("port number");
        assertThatThrownBy(() -> LocalOptions.parse("--port", "70000")).hasMessageContaining("port number");
        assertThatThrownBy(() -> LocalOptions.parse("--verbose")).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> LocalOptions.parse("--sluice.streams.throughput.enabled")).hasMessageContaining("Unknown option");
    }
}
