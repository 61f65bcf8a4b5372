package io.sluice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ingest with the AWS SDK for JavaScript v3 ({@code bench/emulators/js-ingest.mjs}, installed by
 * npm with the emulators): PutRecords of 500 records from concurrent loops of one Node.js process,
 * over HTTP/2 (h2c with prior knowledge) or HTTP/1.1.
 */
final class JsSdkDriver {
    /** Concurrent PutRecords loops, as the measurement ran them. */
    static final int LOOPS = 4;

    private final Path emulators;
    private final URI endpoint;

    JsSdkDriver(Path root, URI endpoint) {
        this.emulators = root.resolve("bench/emulators");
        this.endpoint = endpoint;
    }

    /**
     * The rows over HTTP/1.1 and HTTP/2 (named {@code http1Target} and {@code http2Target}), 1 KiB
     * records, each on a 4-shard stream of its own, added to {@code results}.
     */
    void runs(String http1Target, String http2Target, KinesisDriver driver, ResourceMeter meter, Settings settings, Results results)
            throws Exception {
        if (!available()) {
            results.notes.add("The JavaScript SDK rows of " + http1Target + " and " + http2Target
                    + " were not measured: bench/emulators has no @aws-sdk/client-kinesis (npm install failed).");
            return;
        }
        for (boolean http2 : List.of(false, true)) {
            String target = http2 ? http2Target : http1Target;
            String stream = "js-ingest-" + (http2 ? "h2" : "h1");
            driver.createStream(stream, 4);
            Results.Ingest result = ingest(target, stream, 1024, http2, settings, meter);
            results.ingest.add(result);
            driver.deleteStream(stream);
            System.out.printf("%-12s ingest 1 KiB   x%-2d %,10.0f records/s %s%n", target, LOOPS, result.median(), result.rates());
        }
    }

    /** Whether npm installed the SDK. */
    boolean available() {
        return Files.isDirectory(emulators.resolve("node_modules/@aws-sdk/client-kinesis"));
    }

    /**
     * Records per second of each measured interval, with the server's and Node.js' CPU over them.
     *
     * @param http2 HTTP/2 (h2c) if true, else HTTP/1.1
     * @param server meters the server; the client metered is the Node.js process
     */
    Results.Ingest ingest(String target, String stream, int recordBytes, boolean http2, Settings settings, ResourceMeter server)
            throws IOException, InterruptedException {
        long warmUp = settings.warmUp().toSeconds() + 10; // Node's own JIT too
        List<String> command = List.of("node", "js-ingest.mjs", endpoint.toString(), http2 ? "h2" : "h1", stream,
                String.valueOf(recordBytes), String.valueOf(LOOPS), String.valueOf(warmUp), String.valueOf(settings.iterations()),
                String.valueOf(settings.interval().toSeconds()));
        Process node = new ProcessBuilder(command).directory(emulators.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ResourceMeter meter = server.withClient(node.pid());
        List<Double> rates = new ArrayList<>();
        ResourceMeter.Usage usage = ResourceMeter.Usage.NONE;
        String failed = "?";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.equals("measuring")) {
                    meter.begin(); // when Node.js' own warm-up has ended
                } else if (line.startsWith("rate ")) {
                    rates.add(Double.parseDouble(line.substring(5)));
                    if (rates.size() == settings.iterations()) {
                        usage = meter.end(); // while Node.js, which exits after its last interval, still runs
                    }
                } else if (line.startsWith("failed ")) {
                    failed = line.substring(7);
                }
            }
        }
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0 || rates.size() != settings.iterations() || !failed.equals("0")) {
            node.destroyForcibly();
            throw new IllegalStateException("js-ingest.mjs " + (http2 ? "h2" : "h1") + " measured " + rates + ", failed records " + failed);
        }
        return new Results.Ingest(target, recordBytes, LOOPS, rates, usage);
    }
}
