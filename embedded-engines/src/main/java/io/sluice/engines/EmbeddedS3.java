package io.sluice.engines;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
