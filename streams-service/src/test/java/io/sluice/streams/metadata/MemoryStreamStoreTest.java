package io.sluice.streams.metadata;

class MemoryStreamStoreTest extends StreamStoreContract {
    private final MemoryStreamStore store = new MemoryStreamStore();

    @Override
    protected StreamStore store() {
        return store;
    }
}
