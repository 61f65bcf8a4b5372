package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    private static final Instant FIRST = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void aDirectoryInUseIsRefusedUntilItIsReleased(@TempDir Path dir) throws Exception {
        DataDirectory taken = DataDirectory.take(dir, FIRST);
        assertThat(Files.readString(dir.resolve(DataDirectory.LOCK_FILE)).trim()).isEqualTo(FIRST.toString());
        assertThatThrownBy(() -> DataDirectory.take(dir, SECOND)).isInstanceOf(DataDirectory.InUse.class)
                .hasMessageContaining(dir.toAbsolutePath().toString());
        taken.close();
        try (DataDirectory again = DataDirectory.take(dir, SECOND)) {
            assertThat(again.killedRunStart()).as("the previous run stopped cleanly").isNull();
        }
    }

    @Test
    void aRunThatNeverStoppedIsReportedWithItsStart(@TempDir Path dir) throws Exception {
        try (DataDirectory first = DataDirectory.take(dir, FIRST)) {
            assertThat(first.killedRunStart()).as("a new directory").isNull();
        }
        // What a killed run leaves: the operating system released its lock, its start time is still written.
        Files.writeString(dir.resolve(DataDirectory.LOCK_FILE), FIRST + "\n");
        try (DataDirectory next = DataDirectory.take(dir, SECOND)) {
            assertThat(next.killedRunStart()).isEqualTo(FIRST);
        }
    }
}
