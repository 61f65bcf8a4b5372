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

    /** The rows over HTTP/1.1 and HTTP/2, 1 KiB records, each on a 4-shard stream of its own, added to {@code results}. */
    void runs(KinesisDriver driver, ResourceMeter meter, Settings settings, Results results) throws Exception {
        if (!available()) {
            results.notes.add("The JavaScript SDK rows were not measured: bench/emulators has no @aws-sdk/client-kinesis (npm install failed).");
            return;
        }
        for (boolean http2 : List.of(false, true)) {
            String target = http2 ? Report.SLUICE_JS_HTTP2 : Report.SLUICE_JS_HTTP1;
            String stream = "js-ingest-" + (http2 ? "h2" : "h1");
            driver.createStream(stream, 4);
            List<Double> rates = ingest(stream, 1024, http2, settings, meter::begin);
            Results.Ingest result = new Results.Ingest(target, 1024, LOOPS, rates, meter.end());
            results.ingest.add(result);
            driver.deleteStream(stream);
            System.out.printf("%-12s ingest 1 KiB   x%-2d %,10.0f records/s %s%n", target, LOOPS, result.median(), rates);
        }
    }

    /** Whether npm installed the SDK. */
    boolean available() {
        return Files.isDirectory(emulators.resolve("node_modules/@aws-sdk/client-kinesis"));
    }

    /**
     * Records per second of each measured interval.
     *
     * @param http2 HTTP/2 (h2c) if true, else HTTP/1.1
     * @param measuring called when the measured intervals begin
     */
    List<Double> ingest(String stream, int recordBytes, boolean http2, Settings settings, Runnable measuring)
            throws IOException, InterruptedException {
        long warmUp = settings.warmUp().toSeconds() + 10; // Node's own JIT too
        List<String> command = List.of("node", "js-ingest.mjs", endpoint.toString(), http2 ? "h2" : "h1", stream,
                String.valueOf(recordBytes), String.valueOf(LOOPS), String.valueOf(warmUp), String.valueOf(settings.iterations()),
                String.valueOf(settings.interval().toSeconds()));
        Process node = new ProcessBuilder(command).directory(emulators.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Double> rates = new ArrayList<>();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(warmUp));
                measuring.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "js-measuring");
        timer.start();
        String failed = "?";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("rate ")) {
                    rates.add(Double.parseDouble(line.substring(5)));
                } else if (line.startsWith("failed ")) {
                    failed = line.substring(7);
                }
            }
        }
        timer.join();
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0 || rates.size() != settings.iterations() || !failed.equals("0")) {
            node.destroyForcibly();
            throw new IllegalStateException("js-ingest.mjs " + (http2 ? "h2" : "h1") + " measured " + rates + ", failed records " + failed);
        }
        return rates;
    }
}
