package io.sluice.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Command-line options of {@code sluice-local}.
 *
 * @param port the gateway's port, the one endpoint clients use
 * @param dataDir where Kafka, PostgreSQL and the S3 server keep their data between runs
 * @param kafkaPort the embedded Kafka broker's port, 0 for a free one
 * @param s3Port the embedded S3 server's port
 * @param properties service properties given as {@code --name=value}
 * @param logFormat {@code text} (one line per event, the request id in brackets) or {@code json}
 *     (one JSON object per line, Elastic Common Schema)
 * @param tls whether the gateway serves HTTPS with a self-signed certificate kept in the data directory
 * @param help whether to print usage and exit
 */
record LocalOptions(int port, Path dataDir, int kafkaPort, int s3Port, Map<String, String> properties, String logFormat, boolean tls,
        boolean help) {
    static final java.util.List<String> LOG_FORMATS = java.util.List.of("text", "json");

    /** A service property: dotted lower-case words, as Spring Boot names them. */
    private static final Pattern PROPERTY = Pattern.compile("--([a-z][a-z0-9-]*(?:\\.[a-z0-9\\[\\]-]+)+)=(.*)", Pattern.DOTALL);

    static final String USAGE = """
            Usage: sluice-local [--port PORT] [--data-dir DIR] [--kafka-port PORT] [--s3-port PORT] [--log-format text|json]
                                [--auth strict|permissive] [--credentials FILE] [--tls] [--NAME=VALUE ...]
              --port PORT        gateway port, the endpoint for AWS clients (default 4566)
              --data-dir DIR     where Kafka, PostgreSQL and the S3 server keep data (default ~/.sluice)
              --kafka-port PORT  port of the embedded Kafka broker for Kafka tools (default: a free port)
              --s3-port PORT     port of the embedded S3 server (default 9000, MinIO's)
              --log-format F     text, or json: one JSON object per line (default: $SLUICE_LOG_FORMAT, else text)
              --auth MODE        permissive (default): any well-formed SigV4 request, known keys verified;
                                 strict: only the keys of --credentials, every signature verified
              --credentials FILE access keys: {"credentials": [{"accessKeyId": ..., "secretAccessKey": ...,
                                 "accountId": "123456789012", "policy": {IAM-style policy, optional}}]}
              --tls              HTTPS (HTTP/1.1 and HTTP/2) with a self-signed certificate made in DIR/tls; prints how to trust it
              --NAME=VALUE       any service property, e.g. --sluice.streams.throughput.enabled=false
                                 (or as an environment variable: SLUICE_STREAMS_THROUGHPUT_ENABLED=false)
              -h, --help         this text
            """;

    /** The gateway's authentication mode and credentials file, which --auth and --credentials set. */
    static final String AUTH_MODE = SluicePlatform.AUTH_MODE;
    static final String CREDENTIALS_FILE = "sluice.gateway.auth.credentials-file";

    static LocalOptions parse(String... args) {
        return parseWith(System.getenv("SLUICE_LOG_FORMAT"), args);
    }

    /** @param logFormatVariable the value of SLUICE_LOG_FORMAT, the default of {@code --log-format} */
    static LocalOptions parseWith(String logFormatVariable, String... args) {
        int port = 4566;
        String logFormat = logFormatVariable == null || logFormatVariable.isBlank() ? "text" : logFormatVariable.trim();
        int kafkaPort = 0;
        int s3Port = 9000;
        Path dataDir = Path.of(System.getProperty("user.home"), ".sluice");
        Map<String, String> properties = new LinkedHashMap<>();
        boolean help = false;
        boolean tls = false;
        for (int i = 0; i < args.length; i++) {
            var property = PROPERTY.matcher(args[i]);
            if (property.matches()) {
                properties.put(property.group(1), property.group(2));
                continue;
            }
            switch (args[i]) {
                case "--port" -> port = portValue(args, ++i);
                case "--kafka-port" -> kafkaPort = portValue(args, ++i);
                case "--s3-port" -> s3Port = portValue(args, ++i);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i));
                case "--log-format" -> logFormat = value(args, ++i);
                case "--auth" -> properties.put(AUTH_MODE, authMode(value(args, ++i)));
                case "--credentials" -> properties.put(CREDENTIALS_FILE, Path.of(value(args, ++i)).toAbsolutePath().toString());
                case "--tls" -> tls = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (!LOG_FORMATS.contains(logFormat)) {
            throw new IllegalArgumentException("--log-format (or SLUICE_LOG_FORMAT) is text or json, not " + logFormat);
        }
        return new LocalOptions(port, dataDir.toAbsolutePath().normalize(), kafkaPort, s3Port, Map.copyOf(properties), logFormat, tls,
                help);
    }

    private static String authMode(String mode) {
        if (!mode.equals("strict") && !mode.equals("permissive")) {
            throw new IllegalArgumentException("--auth is strict or permissive, not " + mode);
        }
        return mode;
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
