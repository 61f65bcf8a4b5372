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
        assertThat(options.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".sluice").toAbsolutePath());
    }

    @Test
    void readsEveryOption() {
        LocalOptions options = LocalOptions.parse("--port", "5000", "--data-dir", "/tmp/x/../y", "--kafka-port", "9093");
        assertThat(options.port()).isEqualTo(5000);
        assertThat(options.kafkaPort()).isEqualTo(9093);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/y"));
        assertThat(LocalOptions.parse("--help").help()).isTrue();
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> LocalOptions.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalOptions.parse("--port", "http")).hasMessageContaining("port number");
        assertThatThrownBy(() -> LocalOptions.parse("--port", "70000")).hasMessageContaining("port number");
        assertThatThrownBy(() -> LocalOptions.parse("--verbose")).hasMessageContaining("Unknown option");
    }
}
