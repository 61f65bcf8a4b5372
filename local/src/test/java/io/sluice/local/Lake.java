package io.sluice.local;

import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What Firehose delivered to a bucket of the embedded S3 server, read back and decompressed. */
final class Lake implements AutoCloseable {
    private final S3Client s3;

    /** The shared embedded S3 server of the test JVM. */
    Lake() {
        this(SharedEngines.s3().endpoint());
    }

    /** Another S3 server (a launcher's own). */
    Lake(java.net.URI endpoint) {
        this.s3 = AwsClients.s3(endpoint);
    }

    S3Client s3() {
        return s3;
    }

    void createBucket(String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
    }

    /**
     * Every object's key and its decompressed content (by the key's extension), in key order. An
     * object listed while the embedded server is still storing it, and gone when it is read, is
     * left out (the callers poll).
     */
    Map<String, byte[]> objects(String bucket, String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            try {
                byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray();
                objects.put(object.key(), decompress(object.key(), stored));
            } catch (NoSuchKeyException e) {
                // Listed mid-write; read at the next poll.
            }
        }
        return objects;
    }

    /** The lines of every object, in key order. */
    List<String> lines(String bucket, String prefix) {
        List<String> lines = new ArrayList<>();
        objects(bucket, prefix).values().forEach(content -> lines.addAll(lines(content)));
        return lines;
    }

    static List<String> lines(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    static byte[] decompress(String key, byte[] stored) {
        try {
            if (key.endsWith(".gz")) {
                return new GZIPInputStream(new ByteArrayInputStream(stored)).readAllBytes();
            }
            if (key.endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(stored))) {
                    if (zip.getNextEntry() == null) {
                        throw new IllegalStateException(key + " is an empty ZIP archive");
                    }
                    byte[] content = zip.readAllBytes();
                    if (zip.getNextEntry() != null) {
                        throw new IllegalStateException(key + " holds more than one entry");
                    }
                    return content;
                }
            }
            if (key.endsWith(".snappy")) {
                return new SnappyFramedInputStream(new ByteArrayInputStream(stored)).readAllBytes();
            }
            if (key.endsWith(".hsnappy")) {
                return hadoopSnappy(new ByteArrayInputStream(stored));
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Hadoop's block format: blocks of [uncompressed length][chunks of [compressed length][Snappy
     * data]] until the block's length is reached, all lengths 4-byte big-endian.
     */
    private static byte[] hadoopSnappy(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (data.available() > 0) {
            int blockLength = data.readInt();
            int read = 0;
            while (read < blockLength) {
                byte[] chunk = new byte[data.readInt()];
                data.readFully(chunk);
                byte[] raw = Snappy.uncompress(chunk);
                out.write(raw);
                read += raw.length;
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        s3.close();
    }
}
