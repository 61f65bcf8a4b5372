package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioClient;
import io.sluice.engines.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's main class in a JVM of its own, as a user runs {@code ./sluice-local}: on the
 * launcher's own classpath (its classes and its runtime libraries, the ones its jar ships), so that a
 * library the launcher lacks fails here.
 */
record Launcher(Process process, int port, int s3Port, List<String> output) {

    /** {@code target/classes} and the runtime libraries Maven listed in {@code target/launcher-classpath.txt}. */
    static String launcherClasspath() throws IOException {
        Path target = Path.of(SluiceLocal.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getParent();
        String libraries = java.nio.file.Files.readString(target.resolve("launcher-classpath.txt")).trim();
        return target.resolve("classes") + java.io.File.pathSeparator + libraries;
    }

    static Launcher start(Path dataDir, String... options) throws Exception {
        int port = FreePorts.pick();
        int s3Port = FreePorts.pick();
        Process process = new ProcessBuilder(command(dataDir, port, s3Port, options)).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    if (line.contains("Sluice is ready")) {
                        System.out.println("launcher: " + line.trim());
                        ready.complete(null);
                    } else if (line.contains("ERROR") || line.contains("Exception")) {
                        System.out.println("launcher: " + line);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("The launcher exited with " + process.waitFor()));
            } catch (IOException | InterruptedException e) {
                ready.completeExceptionally(e);
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        return new Launcher(process, port, s3Port, output);
    }

    private static List<String> command(Path dataDir, int port, int s3Port, String... options) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx768m", "-cp", launcherClasspath(),
                SluiceLocal.class.getName(), "--port", String.valueOf(port), "--s3-port", String.valueOf(s3Port),
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(options));
        return command;
    }

    /** Runs a launcher that is expected to exit by itself within a minute: its exit code and output. */
    static Exit runToExit(Path dataDir) throws Exception {
        Process process = new ProcessBuilder(command(dataDir, FreePorts.pick(), FreePorts.pick())).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The launcher did not exit within 60 s");
        }
        return new Exit(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    record Exit(int code, String output) {
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    MinioClient minio() {
        return MinioClient.builder().endpoint("http://127.0.0.1:" + s3Port).credentials("any", "thing").build();
    }

    /** SIGKILL, as {@code kill -9}; with {@code watchdogToo}, its child processes as well. */
    void kill(boolean watchdogToo) throws InterruptedException {
        List<ProcessHandle> children = process.children().toList();
        process.destroyForcibly();
        if (watchdogToo) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager stops it: stopped within {@code within}. (With
     * PostgreSQL stopped by a shutdown hook of its own beside the launcher's, the services waited 30 s
     * for connections as they stopped: 36 s in all.)
     */
    void stop(java.time.Duration within) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher stops on SIGTERM").isTrue();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("time to stop").isLessThan(within);
    }
}
