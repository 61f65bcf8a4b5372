package io.sluice.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The launcher's hold on its data directory. One launcher at a time: a second one on the same
 * directory would start a second Kafka on the first one's logs and corrupt them, so it is refused.
 * The lock is the operating system's ({@code flock}), released when the process dies however it
 * dies, so a killed launcher never leaves a directory that cannot be started again. The file also
 * records when the run started, and is emptied by a clean stop: a start that finds a start time in
 * it knows the previous run was killed, and since when its half-done writes can date.
 */
final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "sluice.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final Instant killedRunStart;

    private DataDirectory(FileChannel channel, FileLock lock, Instant killedRunStart) {
        this.channel = channel;
        this.lock = lock;
        this.killedRunStart = killedRunStart;
    }

    /**
     * Takes the directory, creating it if needed.
     *
     * @throws InUse when another launcher holds it
     */
    static DataDirectory take(Path dir, Instant now) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // taken in this very process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new InUse("Another ./sluice-local is running on the data directory " + dir.toAbsolutePath()
                    + "; stop it first, or start this one with another --data-dir.");
        }
        Instant killedRunStart = previousStart(channel);
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((now + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new DataDirectory(channel, lock, killedRunStart);
    }

    /** Another launcher runs on the directory. */
    static final class InUse extends IllegalStateException {
        InUse(String message) {
            super(message);
        }
    }

    /** When the previous run started if it was killed (it never stopped cleanly), else null. */
    Instant killedRunStart() {
        return killedRunStart;
    }

    private static Instant previousStart(FileChannel channel) throws IOException {
        java.nio.ByteBuffer content = java.nio.ByteBuffer.allocate((int) Math.min(channel.size(), 256));
        channel.read(content, 0);
        String text = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH; // unreadable: treat every leftover as the killed run's
        }
    }

    /** A clean stop: the next start finds no run to recover from; the lock is released. */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            channel.force(true);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
