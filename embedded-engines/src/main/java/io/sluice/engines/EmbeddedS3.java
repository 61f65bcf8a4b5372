package io.sluice.engines;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3 API server in this process (S3Proxy) keeping buckets as directories and objects as files
 * under a directory of the caller's choosing, so objects survive a restart. Path-style addressing
 * ({@code http://host:port/bucket/key}), as MinIO serves it. Local mode accepts any credentials: the
 * signature of a request is not checked.
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** The name of S3Proxy's file for a write in progress: the key, then a random (version 4) uuid. */
    private static final Pattern INTERRUPTED_WRITE =
            Pattern.compile(".+-\\p{XDigit}{8}-\\p{XDigit}{4}-4\\p{XDigit}{3}-[89abAB]\\p{XDigit}{3}-\\p{XDigit}{12}");

    private final S3Proxy proxy;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /**
     * Starts the server on {@code 127.0.0.1:port}.
     *
     * @param port the port, 0 for a free one
     */
    public static EmbeddedS3 start(Path dataDir, int port) throws IOException {
        Path dir = Files.createDirectories(dataDir.toAbsolutePath());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IOException("Could not start the S3 server on port " + port, e);
        }
        return new EmbeddedS3(proxy);
    }

    /**
     * S3Proxy writes an object to {@code <key>-<random uuid>} beside it and renames it into place; a
     * process killed in between leaves that file, which its listings then show as an object of its
     * own (a second copy of records a crashed Firehose delivery writes again). Removes such files
     * written since {@code since}, the start of the run that was killed, before the server serves:
     * names ending in a random (version 4) uuid, modified since then. Sluice's own object keys end
     * in name-based (version 3) uuids, so none of them is taken for one.
     *
     * @return the files removed
     */
    public static List<Path> removeInterruptedWrites(Path dataDir, Instant since) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (INTERRUPTED_WRITE.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)
                        && !Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
                    Files.delete(file);
                    removed.add(file);
                }
            }
        }
        return removed;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the S3 server", e);
        }
    }
}
