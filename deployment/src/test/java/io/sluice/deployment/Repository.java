package io.sluice.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The repository these tests run in, and the tools that read its deployment files as Docker and Kubernetes would. */
final class Repository {
    /** The repository's root: the tests run in the {@code deployment} module's directory. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private Repository() {
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code NAME=value} lines of an env file (as docker compose reads {@code .env}). */
    static Map<String, String> envFile(String relative) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read(relative).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                values.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
            }
        }
        return values;
    }

    /**
     * Runs a command in the repository's root and returns what it printed; fails with its error
     * output when it exits with another status than 0. CI installs the tools ({@code .ci/run}).
     */
    static String run(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(all).directory(ROOT.toFile()).redirectErrorStream(false).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errors = new Thread(() -> copy(process.getErrorStream(), err));
            errors.start();
            copy(process.getInputStream(), out);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            errors.join();
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + err.toString(StandardCharsets.UTF_8));
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + command[0] + " (CI installs it: see .ci/run): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
