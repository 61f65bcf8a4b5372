package io.sluice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A server the benchmark starts as a child process, waits for, measures and stops. */
final class ManagedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ManagedProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code command} and waits until a line of its output satisfies {@code readyLine}, or,
     * when {@code readyPort} is positive, until that loopback port accepts connections. Output goes
     * to {@code log}.
     */
    static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log,
            Predicate<String> readyLine, int readyPort, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        ManagedProcess managed = new ManagedProcess(name, builder.start());
        Files.createDirectories(log.getParent());
        Thread pump = new Thread(() -> managed.pump(log, readyLine), name + "-output");
        pump.setDaemon(true);
        pump.start();
        if (readyPort > 0) {
            CompletableFuture.runAsync(() -> managed.awaitPort(readyPort, timeoutSeconds));
        }
        try {
            managed.ready.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            managed.close();
            throw new IOException(name + " did not become ready within " + timeoutSeconds + " s; see " + log, e);
        }
        return managed;
    }

    /** The launcher's line once the whole platform serves (followed by the time it took). */
    static final String SLUICE_READY = "Sluice is ready";

    /** Starts the Sluice launcher ({@code ./sluice-local} or its jar) and waits for its ready line. */
    static ManagedProcess startSluice(List<String> command, Map<String, String> env, Path workDir, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        return start(Report.SLUICE, command, env, workDir, log, line -> line.contains(SLUICE_READY), 0, timeoutSeconds);
    }

    private void pump(Path log, Predicate<String> readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (!ready.isDone() && readyLine.test(line)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException(name + " closed its output"));
    }

    private void awaitPort(int port, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                ready.complete("port " + port + " open");
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The line that announced readiness. */
    String readyLine() {
        return ready.join();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
