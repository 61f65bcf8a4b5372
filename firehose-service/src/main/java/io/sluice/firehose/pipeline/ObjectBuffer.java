package io.sluice.firehose.pipeline;

import io.sluice.firehose.destination.Compression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One object being built: records compressed straight into a file of the buffer directory, so
 * that memory stays a compressor's state however large the object grows.
 */
final class ObjectBuffer {
    private final Path file;
    private final OutputStream out;
    private final long firstOffset;
    private final Instant firstArrival;
    private final Map<String, String> partitionKeys;
    private final String errorType;
    private final boolean framed;
    private long bytes;
    private int records;
    private boolean closed;

    /**
     * @param directory where the file is written
     * @param firstOffset the source offset of its first record (names the object)
     * @param firstArrival when its first record arrived (dates the object)
     * @param partitionKeys the dynamic partition of its records (empty without dynamic partitioning)
     * @param errorType the error output type of an error object (processing-failed, …), null for data
     * @param framed whether each record is written after its length (4 bytes), to be read back one by one
     */
    ObjectBuffer(Path directory, Compression compression, String entryName, long firstOffset, Instant firstArrival,
            Map<String, String> partitionKeys, String errorType, boolean framed) {
        this.errorType = errorType;
        this.framed = framed;
        this.firstOffset = firstOffset;
        this.firstArrival = firstArrival;
        this.partitionKeys = Map.copyOf(partitionKeys);
        try {
            this.file = Files.createTempFile(directory, "object-", ".part");
            this.out = compression.wrap(new BufferedOutputStream(Files.newOutputStream(file), 16 * 1024), entryName);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a buffer file in " + directory, e);
        }
    }

    void append(byte[] data) {
        try {
            if (framed) {
                out.write(data.length >>> 24);
                out.write(data.length >>> 16);
                out.write(data.length >>> 8);
                out.write(data.length);
            }
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write buffer file " + file, e);
        }
        bytes += data.length;
        records++;
    }

    /** Finishes the compressed form; the file then holds the whole object. */
    Path close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not finish buffer file " + file, e);
            }
        }
        return file;
    }

    /** Removes the file, whatever state it is in. */
    void discard() {
        try {
            if (!closed) {
                closed = true;
                out.close();
            }
        } catch (IOException e) {
            // The file goes anyway.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete buffer file " + file, e);
        }
    }

    /** Record bytes written so far, before compression. */
    long bytes() {
        return bytes;
    }

    int records() {
        return records;
    }

    long firstOffset() {
        return firstOffset;
    }

    Instant firstArrival() {
        return firstArrival;
    }

    Map<String, String> partitionKeys() {
        return partitionKeys;
    }

    String errorType() {
        return errorType;
    }
}
