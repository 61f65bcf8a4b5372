package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The machine and the versions a run measured, for the report. */
final class Environment {
    private Environment() {
    }

    static Map<String, String> describe(Path root) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Started", Instant.now().toString());
        env.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores (clients and servers share them)");
        env.put("Memory", memory());
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("Sluice", command(root, "git", "rev-parse", "--short", "HEAD") + " (sluice-local jar: embedded Kafka "
                + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " broker in the same process)");
        env.put("Node.js", command(root, "node", "--version") + " (kinesalite "
                + packageVersion(root, "kinesalite") + ", kinesis-mock as npm kinesis-local " + packageVersion(root, "kinesis-local") + ")");
        env.put("Client", "AWS SDK for Java v2 " + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION
                + " KinesisAsyncClient, CBOR, Netty over HTTP/1.1, in a separate JVM on the same machine ("
                + String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) + ")");
        return env;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String packageVersion(Path root, String name) {
        try {
            String json = Files.readString(root.resolve("bench/emulators/node_modules/" + name + "/package.json"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "not installed";
        }
    }

    private static String command(Path root, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
