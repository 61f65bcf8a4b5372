package io.sluice.local;

import java.nio.file.Path;

/**
 * Command-line options of {@code sluice-local}.
 *
 * @param port the gateway's port, the one endpoint clients use
 * @param dataDir where Kafka and PostgreSQL keep their data between runs
 * @param kafkaPort the embedded Kafka broker's port, 0 for a free one
 * @param help whether to print usage and exit
 */
record LocalOptions(int port, Path dataDir, int kafkaPort, boolean help) {
    static final String USAGE = """
            Usage: sluice-local [--port PORT] [--data-dir DIR] [--kafka-port PORT]
              --port PORT        gateway port, the endpoint for AWS clients (default 4566)
              --data-dir DIR     where Kafka and PostgreSQL keep data (default ~/.sluice)
              --kafka-port PORT  port of the embedded Kafka broker for Kafka tools (default: a free port)
            """;

    static LocalOptions parse(String... args) {
        int port = 4566;
        int kafkaPort = 0;
        Path dataDir = Path.of(System.getProperty("user.home"), ".sluice");
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = portValue(args, ++i);
                case "--kafka-port" -> kafkaPort = portValue(args, ++i);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i));
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        return new LocalOptions(port, dataDir.toAbsolutePath().normalize(), kafkaPort, help);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int portValue(String[] args, int i) {
        String text = value(args, i);
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " needs a port number, not " + text);
        }
    }
}
