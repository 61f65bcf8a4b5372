package io.sluice.firehose.destination;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.anarres.parallelgzip.ParallelGZIPOutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

/**
 * The S3-level compression formats of Firehose, each with the extension it adds to object names:
 * GZIP (.gz), ZIP (.zip, one entry), Snappy in the framing format (.snappy) and Hadoop-compatible
 * Snappy blocks (.hsnappy).
 *
 * <p>GZIP is written as pigz writes it: 64 KiB blocks deflated on a shared pool of one thread per
 * core and joined, in order, into one standard gzip member (any gunzip reads it; it is within a
 * fraction of a percent of single-threaded GZIP's size). A delivery consumer thus compresses at
 * the speed of all cores rather than one, and a buffer holds no deflater of its own.
 */
public enum Compression {
    UNCOMPRESSED("UNCOMPRESSED", ""),
    GZIP("GZIP", ".gz"),
    ZIP("ZIP", ".zip"),
    SNAPPY("Snappy", ".snappy"),
    HADOOP_SNAPPY("HADOOP_SNAPPY", ".hsnappy");

    private final String wireName;
    private final String extension;

    Compression(String wireName, String extension) {
        this.wireName = wireName;
        this.extension = extension;
    }

    /** The format of a CompressionFormat value (UNCOMPRESSED when null). */
    public static Compression of(String wireName) {
        for (Compression c : values()) {
            if (c.wireName.equals(wireName)) {
                return c;
            }
        }
        if (wireName == null) {
            return UNCOMPRESSED;
        }
        throw new IllegalArgumentException("Unknown CompressionFormat " + wireName);
    }

    public String extension() {
        return extension;
    }

    /**
     * A stream that compresses what is written into {@code out}; closing it finishes the format
     * and closes {@code out}.
     *
     * @param entryName the name of the one entry of a ZIP archive
     */
    public OutputStream wrap(OutputStream out, String entryName) throws IOException {
        switch (this) {
            case UNCOMPRESSED:
                return out;
            case GZIP:
                return new ParallelGZIPOutputStream(out);
            case ZIP:
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.putNextEntry(new ZipEntry(entryName));
                return zip;
            case SNAPPY:
                return new SnappyFramedOutputStream(out);
            case HADOOP_SNAPPY:
                return new SnappyHadoopCompatibleOutputStream(out);
            default:
                throw new IllegalStateException(name());
        }
    }
}
