package io.sluice.streams.topic;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Lets a reshard wait for the writes in progress on this instance: a write routes and hands its
 * records to the producer inside the gate, with a shard map read after entering it; sealing closed
 * shards first drains the gate, so no write routed by the old shard map is still on its way to the
 * producer when the closed shards' end offsets are taken.
 */
@Component
public class StreamWriteGate {
    private final ConcurrentMap<Long, ReadWriteLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code write} inside the gate of stream {@code streamId} and returns its result. */
    public <T> T write(long streamId, Supplier<T> write) {
        Lock lock = lock(streamId).readLock();
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every write that entered the gate before this call has left it. */
    public void drain(long streamId) {
        Lock lock = lock(streamId).writeLock();
        lock.lock();
        lock.unlock();
    }

    public void forget(long streamId) {
        locks.remove(streamId);
    }

    private ReadWriteLock lock(long streamId) {
        return locks.computeIfAbsent(streamId, id -> new ReentrantReadWriteLock());
    }
}
