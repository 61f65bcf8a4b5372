package io.sluice.bench;

import io.sluice.engines.FreePorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Kinesis emulators the benchmark measures beside Sluice, installed by npm into {@code bench/emulators}, started on a port. */
final class Emulators {
    private Emulators() {
    }

    static ManagedProcess kinesalite(Path root, Path work, int port) throws Exception {
        return ManagedProcess.start(Report.KINESALITE,
                List.of("node", "node_modules/kinesalite/cli.js", "--port", String.valueOf(port), "--createStreamMs", "0",
                        "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "100000"),
                Map.of(), root.resolve("bench/emulators"), work.resolve("kinesalite.log"), line -> line.contains("Listening"), 0, 60);
    }

    static ManagedProcess kinesisMock(Path root, Path work, int port) throws Exception {
        return ManagedProcess.start(Report.KINESIS_MOCK, List.of("node", "main.js"),
                Map.of("KINESIS_MOCK_PLAIN_PORT", String.valueOf(port), "KINESIS_MOCK_TLS_PORT", String.valueOf(FreePorts.pick()),
                        "CREATE_STREAM_DURATION", "0ms", "DELETE_STREAM_DURATION", "0ms", "SHARD_LIMIT", "100000",
                        "LOG_LEVEL", "WARN"),
                root.resolve("bench/emulators/node_modules/kinesis-local"), work.resolve("kinesis-mock.log"), line -> false, port, 90);
    }
}
