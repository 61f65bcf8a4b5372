package io.sluice.firehose.pipeline;

import io.sluice.firehose.conversion.RecordConversion;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.destination.ObjectKeys;
import io.sluice.firehose.destination.S3Destination;
import io.sluice.firehose.processing.RecordProcessing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one source partition since its committed offset, in one buffer per dynamic
 * partition. A round is delivered whole — every object written, then the offset after its last
 * record committed — before the partition's next round is written, so at most one round of a
 * partition is ever written and not committed. Each object is named by the source partition and
 * the offset of its first record, and every round starts at the committed offset: a round
 * delivered again after a crash writes the keys the lost round wrote, and no record ends up in
 * two objects.
 */
final class PartitionRound {
    /** The error type that marks the backup buffer (never an error output type of Firehose's). */
    static final String BACKUP_TYPE = "source-backup";

    private final TopicPartition source;
    private final DeliveryStream stream;
    private final Path directory;
    private final RecordConversion conversion;
    /** The destination's SizeInMBs and IntervalInSeconds, read once. */
    private final long bufferBytes;
    private final Instant dueAt;
    /** The record bytes of the fullest buffer. */
    private long fullest;
    private final List<Path> encoded = new ArrayList<>();
    private final Map<BufferKey, ObjectBuffer> buffers = new LinkedHashMap<>();
    private long nextOffset = -1;
    private List<PendingObject> sealed;
    private int failedAttempts;
    private Instant retryAt;

    /**
     * @param stream the delivery stream's configuration when the round opened; the round is
     *     written with it
     * @param openedAt when its first record was taken (the buffering interval counts from here)
     * @param conversion the data format conversion of its data objects, null for none
     */
    PartitionRound(TopicPartition source, DeliveryStream stream, Path directory, Instant openedAt, RecordConversion conversion) {
        this.conversion = conversion;
        this.bufferBytes = stream.destination().s3().bufferBytes();
        this.dueAt = openedAt.plus(stream.destination().s3().bufferInterval());
        this.source = source;
        this.stream = stream;
        this.directory = directory;
    }

    /** Which buffer an output goes to: its error output type (null for data) and its dynamic partition. */
    private record BufferKey(String errorType, Map<String, String> partitionKeys) {
    }

    /** The buffer of source records backed up as they were put (S3BackupMode Enabled). */
    private static final BufferKey BACKUP = new BufferKey(BACKUP_TYPE, Map.of());

    /**
     * Adds an output to the buffer of its dynamic partition ({@code partitionKeys} empty without),
     * or of its error output type.
     */
    void add(RecordProcessing.Output output) {
        if (sealed != null) {
            throw new IllegalStateException("Round of " + source + " is sealed");
        }
        ObjectBuffer buffer = buffers.computeIfAbsent(new BufferKey(output.errorType(), output.partitionKeys()),
                key -> new ObjectBuffer(directory, destination().compression(), stream.name(), output.offset(),
                        Instant.ofEpochMilli(output.arrivalMillis()), key.partitionKeys(), key.errorType(),
                        conversion != null && key.errorType() == null));
        buffer.append(output.data());
        fullest = Math.max(fullest, buffer.bytes());
    }

    /** Adds a record as it was put to the backup buffer. */
    void backUp(ConsumerRecord<byte[], byte[]> record, byte[] data) {
        S3Destination backup = destination().backup();
        buffers.computeIfAbsent(BACKUP, key -> new ObjectBuffer(directory, backup.compression(), stream.name(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), Map.of(), BACKUP_TYPE, false)).append(data);
        fullest = Math.max(fullest, buffers.get(BACKUP).bytes());
    }

    /** Marks every record up to {@code offset} as taken, whatever it became. */
    void advance(long offset) {
        nextOffset = offset + 1;
    }

    /** A record delivered as it was put ({@code data}, opened if it was sealed). */
    void add(ConsumerRecord<byte[], byte[]> record, byte[] data) {
        add(new RecordProcessing.Output(record.offset(), record.timestamp(), data, Map.of(), null));
        advance(record.offset());
    }

    /** Whether a buffer reached the destination's SizeInMBs (it is then over by less than one record). */
    boolean full() {
        return fullest >= bufferBytes;
    }

    /** Whether the destination's IntervalInSeconds has passed since the round's first record. */
    boolean due(Instant now) {
        return !now.isBefore(dueAt);
    }

    /**
     * Finishes every buffer (converting data buffers to Parquet or ORC) and names its object; later
     * calls return the same objects.
     *
     * @throws java.io.UncheckedIOException when a columnar file cannot be written
     */
    List<PendingObject> seal() {
        if (sealed == null) {
            List<PendingObject> objects = new ArrayList<>();
            S3Destination destination = destination();
            for (ObjectBuffer buffer : buffers.values()) {
                if (BACKUP_TYPE.equals(buffer.errorType())) {
                    S3Destination backup = destination.backup();
                    ObjectKeys.Place place = new ObjectKeys.Place(stream.name(), stream.versionId(), buffer.firstArrival(),
                            ObjectKeys.zone(destination.customTimeZone()), seed(buffer.firstOffset(), BACKUP_TYPE), Map.of(), false, null);
                    objects.add(new PendingObject(backup.bucket(), ObjectKeys.key(backup.prefix(), place, backup.extension()),
                            buffer.close(), buffer.records()));
                    continue;
                }
                boolean error = buffer.errorType() != null;
                ObjectKeys.Place place = new ObjectKeys.Place(stream.name(), stream.versionId(), buffer.firstArrival(),
                        ObjectKeys.zone(destination.customTimeZone()), seed(buffer.firstOffset(), buffer.errorType()),
                        buffer.partitionKeys(), destination.dynamicPartitioning() && !error, buffer.errorType());
                String prefix = error ? destination.errorPrefix() : destination.prefix();
                Path file = buffer.close();
                String extension = destination.extension();
                if (conversion != null && !error) {
                    file = encode(file);
                    extension = destination.fileExtension() != null && !destination.fileExtension().isEmpty()
                            ? destination.fileExtension() : conversion.configuration().extension();
                }
                objects.add(new PendingObject(destination.bucket(), ObjectKeys.key(prefix, place, extension), file, buffer.records()));
            }
            sealed = objects;
        }
        return sealed;
    }

    /**
     * The uuid of the object whose first record is at {@code offset} of the source partition (an
     * error object's first record may also be a data object's).
     */
    private UUID seed(long offset, String errorType) {
        String name = source.topic() + "/" + source.partition() + "/" + offset + (errorType == null ? "" : "/" + errorType);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private Path encode(Path buffer) {
        try {
            Path file = conversion.encode(buffer);
            encoded.add(file);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Removes every buffer file. */
    void discard() {
        buffers.values().forEach(ObjectBuffer::discard);
        for (Path file : encoded) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Records a failed write: the round waits until {@link #retryAt()} before it is written again. */
    void failed(Instant now, java.time.Duration backoff) {
        failedAttempts++;
        retryAt = now.plus(backoff);
    }

    boolean blocked() {
        return retryAt != null;
    }

    Instant retryAt() {
        return retryAt;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    boolean isEmpty() {
        return buffers.isEmpty();
    }

    /** When the round's oldest record arrived (what Firehose's DataFreshness counts from). */
    Instant oldestArrival() {
        Instant oldest = null;
        for (ObjectBuffer buffer : buffers.values()) {
            if (oldest == null || buffer.firstArrival().isBefore(oldest)) {
                oldest = buffer.firstArrival();
            }
        }
        return oldest;
    }

    /** The offset the partition's consumer commits once the round is written. */
    long nextOffset() {
        return nextOffset;
    }

    TopicPartition source() {
        return source;
    }

    DeliveryStream stream() {
        return stream;
    }

    private S3Destination destination() {
        return stream.destination().s3();
    }

    /** An object of a sealed round: its bucket and key, its file, and whether it is written yet. */
    static final class PendingObject {
        final String bucket;
        final String key;
        final Path file;
        final int records;
        boolean written;

        PendingObject(String bucket, String key, Path file, int records) {
            this.bucket = bucket;
            this.key = key;
            this.file = file;
            this.records = records;
        }
    }
}
