package io.sluice.bench;

import io.sluice.engines.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./bench/run --startup}: the time to ready that {@code ./sluice-local} prints, started as a user
 * starts it (the script, with its class-data sharing), written to {@code docs/benchmarks/startup.md}.
 * Each round begins without an archive, as the first run after a build does (that run lists the classes
 * it loads; the script builds the archive once it has stopped, and the round waits for it), then starts
 * with the archive on a new data directory and again on that, now used, directory, and once more on it
 * with {@code SLUICE_CDS=off}: the anchor, what the same start costs without the archive.
 */
final class StartupBench {
    private static final int ROUNDS = 3;
    private static final Pattern READY = Pattern.compile(ManagedProcess.SLUICE_READY + " in ([0-9.]+) s");

    /** A kind of start, as the page names it, with the goal for it (none for the anchor). */
    private enum Start {
        FIRST_RUN("first run after a build (no archive yet), new data directory", "≤ 20 s"),
        NEW_DIRECTORY("with the archive, new data directory", "≤ 20 s"),
        USED_DIRECTORY("with the archive, used data directory", "≤ 10 s"),
        WITHOUT_ARCHIVE("SLUICE_CDS=off, used data directory (anchor)", "");

        final String label;
        final String goal;

        Start(String label, String goal) {
            this.label = label;
            this.goal = goal;
        }
    }

    private final Path root;
    private final Path work;
    private final Path out;

    StartupBench(Path root, Path work, Path out) {
        this.root = root;
        this.work = work;
        this.out = out;
    }

    void run(Map<String, String> environment) throws Exception {
        Launcher launcher = new Launcher(root, work);
        Map<Start, List<Double>> seconds = new EnumMap<>(Start.class);
        for (Start start : Start.values()) {
            seconds.put(start, new ArrayList<>());
        }
        for (int round = 1; round <= ROUNDS; round++) {
            Directories.deleteRecursively(launcher.archives());
            seconds.get(Start.FIRST_RUN).add(start(launcher, work.resolve("first-" + round), Map.of()));
            launcher.awaitArchive();
            Path data = work.resolve("data-" + round);
            seconds.get(Start.NEW_DIRECTORY).add(start(launcher, data, Map.of()));
            seconds.get(Start.USED_DIRECTORY).add(start(launcher, data, Map.of()));
            seconds.get(Start.WITHOUT_ARCHIVE).add(start(launcher, data, Map.of("SLUICE_CDS", "off")));
            System.out.printf("Startup round %d (seconds): %s%n", round, seconds);
        }
        write(seconds, environment);
    }

    /** Starts ./sluice-local on {@code dataDir}, returns the seconds it printed, and stops it. */
    private double start(Launcher launcher, Path dataDir, Map<String, String> env) throws Exception {
        try (ManagedProcess started = launcher.start(dataDir, env, work.resolve("startup.log"))) {
            Matcher ready = READY.matcher(started.readyLine());
            if (!ready.find()) {
                throw new IOException("No time in the ready line: " + started.readyLine());
            }
            return Double.parseDouble(ready.group(1));
        }
    }

    private void write(Map<Start, List<Double>> seconds, Map<String, String> environment) throws IOException {
        StringBuilder md = new StringBuilder("# Time to ready\n\n")
                .append("`./bench/run --startup`, ").append(Instant.now()).append(": ").append(environment).append(".\n\n")
                .append(String.format("The seconds `./sluice-local` prints when it is ready (from its `main` to every service "
                        + "and the gateway answering), the script started as a user starts it, %d rounds. A round deletes the "
                        + "class-data-sharing archive, as a build does; its first run lists the classes it loads and the script "
                        + "builds the archive after that run has stopped (the round waits for it); then the archive is used on a new "
                        + "data directory, then on that used directory, and last the same start without it (`SLUICE_CDS=off`).%n%n",
                        ROUNDS))
                .append("| start | runs (s) | median (s) | goal |\n|---|---|---|---|\n");
        seconds.forEach((start, runs) -> md.append(String.format("| %s | %s | **%.1f** | %s |%n", start.label,
                String.join(", ", runs.stream().map(s -> String.format("%.1f", s)).toList()), Stats.median(runs), start.goal)));
        Files.createDirectories(out);
        Files.writeString(out.resolve("startup.md"), md.toString());
        System.out.print(md);
        System.out.println("Wrote " + out.resolve("startup.md"));
    }
}
