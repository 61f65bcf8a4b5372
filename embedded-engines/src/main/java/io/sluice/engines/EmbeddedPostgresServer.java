package io.sluice.engines;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries ship in a Maven artifact) running as a child process with
 * its data directory kept between runs.
 *
 * <p>The server is started by {@code pg_ctl} in a session of its own, so it survives a {@code kill
 * -9} of this JVM (or the OOM killer) and would hold the data directory against the next start.
 * Two things undo that: before starting, a server still running on the data directory (the
 * postmaster named by {@code postmaster.pid}) is stopped; and, when asked for, a watchdog process
 * stops the server as soon as this JVM is gone, however it went.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /**
     * @param durable fsync and synchronous commits on, as a data directory that keeps data needs
     *     (zonky starts PostgreSQL with {@code -F} and {@code synchronous_commit=off}, made for tests)
     * @param watchdog stop the server when this JVM ends, even by {@code kill -9}
     */
    public record Options(boolean durable, boolean watchdog) {
        /** For tests: fast, and the JVM's own shutdown hook stops the server. */
        public static final Options TEST = new Options(false, false);
        /** For the launcher: a machine crash does not corrupt the metadata, a killed launcher leaves no server. */
        public static final Options LAUNCHER = new Options(true, true);
    }

    private final EmbeddedPostgres postgres;
    private final Process watchdog;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Process watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    /** Starts PostgreSQL for tests on {@code dataDir} (initialised on first use); port 0 picks a free one. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, Options.TEST);
    }

    /** Starts PostgreSQL on {@code dataDir}, first stopping a server a killed earlier run left on it. */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Options options) throws IOException {
        Path dir = Files.createDirectories(dataDir.toAbsolutePath());
        stopOrphan(dir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port == 0 ? FreePorts.pick() : port)
                .setServerConfig("max_connections", "200")
                // After a kill -9 PostgreSQL recovers before it serves; on two busy cores that passed the 10 s default.
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                // zonky stops PostgreSQL in a JVM shutdown hook of its own, which runs beside the launcher's: on
                // Ctrl-C the services lost their database while they stopped and waited out their pools' 30 s
                // timeouts. The launcher stops it last itself (and its watchdog when the JVM is killed).
                .setRegisterShutdownHook(!options.watchdog());
        if (options.durable()) {
            // Given after zonky's -F on the command line, these win over it.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        EmbeddedPostgres postgres = builder.start();
        Process watchdog = options.watchdog() ? startWatchdog(dir) : null;
        return new EmbeddedPostgresServer(postgres, watchdog);
    }

    /** The postmaster running on {@code dataDir}, if {@code postmaster.pid} names a live PostgreSQL process. */
    static Optional<ProcessHandle> runningOn(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    /**
     * Stops a server that an earlier run left on {@code dataDir}. A stale {@code postmaster.pid}
     * whose process is gone needs nothing: PostgreSQL clears it itself on start.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Optional<ProcessHandle> orphan = runningOn(dataDir);
        if (orphan.isEmpty()) {
            return;
        }
        String postgres = orphan.get().info().command().orElseThrow();
        log.warn("PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", orphan.get().pid(), dataDir);
        List<String> command = pgCtl(Path.of(postgres).resolveSibling("pg_ctl").toString());
        command.addAll(List.of("-D", dataDir.toString(), "stop", "-m", "fast", "-w", "-t", "60"));
        try {
            Process stop = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!stop.waitFor(90, TimeUnit.SECONDS) || stop.exitValue() != 0) {
                try {
                    // pg_ctl finds no server when another stop (the killed run's watchdog) got there first.
                    orphan.get().onExit().get(60, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // Still running: it did not stop.
                }
                throw new IOException("Could not stop the PostgreSQL server left on " + dataDir + ": " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the PostgreSQL server left on " + dataDir, e);
        }
    }

    /** pg_ctl refuses to run as root; zonky runs it in a user namespace, and so must we. */
    private static List<String> pgCtl(String path) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(path);
        return command;
    }

    /**
     * A small shell process that outlives this JVM: it waits until the JVM's pid is gone and then
     * stops the server with {@code pg_ctl}. A clean close stops the server first and the watchdog.
     */
    private static Process startWatchdog(Path dataDir) throws IOException {
        ProcessHandle postmaster = runningOn(dataDir).orElseThrow(() -> new IOException("PostgreSQL did not start on " + dataDir));
        String pgCtl = String.join(" ", pgCtl(Path.of(postmaster.info().command().orElseThrow()).resolveSibling("pg_ctl").toString()));
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
                + "exec " + pgCtl + " -D '" + dataDir.toString().replace("'", "'\\''") + "' stop -m fast -w -t 60";
        return new ProcessBuilder("/bin/sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
    }

    /** The JDBC URL of {@code database}, created on first use. */
    public String jdbcUrl(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "") + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
        return postgres.getJdbcUrl("postgres", database);
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (watchdog != null) {
                watchdog.destroy();
            }
        }
    }
}
