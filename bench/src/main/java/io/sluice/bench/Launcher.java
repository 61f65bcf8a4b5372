package io.sluice.bench;

import io.sluice.engines.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./sluice-local}, started as a user starts it: the script, with the class-data-sharing
 * archive it makes after a build (the first run after a build lists the classes it loads; once that
 * run has stopped, the script builds the archive from the list in the background).
 */
final class Launcher {
    private static final Duration ARCHIVE_WAIT = Duration.ofMinutes(5);

    private final Path root;
    private final Path work;

    Launcher(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    /** JVM options for the platform from {@code SLUICE_BENCH_JVM_OPTS} (a profiler, say), none by default. */
    static List<String> benchJvmOptions() {
        String jvmOptions = System.getenv("SLUICE_BENCH_JVM_OPTS");
        return jvmOptions == null || jvmOptions.isBlank() ? List.of() : List.of(jvmOptions.trim().split("\\s+"));
    }

    /** Starts the launcher on {@code dataDir} and free ports and waits until it is ready. */
    ManagedProcess start(Path dataDir, Map<String, String> env, Path log) throws IOException, InterruptedException {
        return start(dataDir, FreePorts.pick(), FreePorts.pick(), List.of(), env, log);
    }

    /**
     * Starts the launcher on {@code dataDir}, its gateway on {@code port} and its broker on
     * {@code kafkaPort}, with {@code options} after those, and waits until it is ready. {@code env}
     * reaches the script ({@code SLUICE_CDS}, {@code SLUICE_JAVA_OPTS}).
     */
    ManagedProcess start(Path dataDir, int port, int kafkaPort, List<String> options, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("sluice-local").toString(), "--port", String.valueOf(port),
                "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(kafkaPort), "--s3-port", "0"));
        command.addAll(options);
        return ManagedProcess.startSluice(command, env, root, log, 300);
    }

    /**
     * Starts the launcher once on a data directory of its own and stops it when ready: after a build
     * that start lists the classes, and the script begins building the archive as it stops. Does not
     * wait for the archive ({@link #awaitArchive}), so that other work can go on meanwhile.
     */
    void listClasses() throws IOException, InterruptedException {
        start(work.resolve("class-listing"), Map.of(), work.resolve("class-listing.log")).close();
    }

    /**
     * Waits for the archive the script builds after a listing run (a file appears by rename when
     * complete); at once when {@code SLUICE_CDS=off} in this environment turns it off.
     */
    void awaitArchive() throws IOException, InterruptedException {
        if ("off".equals(System.getenv("SLUICE_CDS"))) {
            return;
        }
        Path archives = archives();
        long deadline = System.nanoTime() + ARCHIVE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(archives)) {
                try (Stream<Path> files = Files.list(archives)) {
                    if (files.anyMatch(file -> file.getFileName().toString().endsWith(".jsa"))) {
                        return;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new IOException("No class-data-sharing archive in " + archives + " within " + ARCHIVE_WAIT);
    }

    /** Where the script keeps its archive (a listing run deletes the archives of other builds). */
    Path archives() {
        return root.resolve("local/target/cds");
    }
}
