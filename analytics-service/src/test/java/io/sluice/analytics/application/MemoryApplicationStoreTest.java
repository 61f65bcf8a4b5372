package io.sluice.analytics.application;

class MemoryApplicationStoreTest extends ApplicationStoreContract {
    private final MemoryApplicationStore store = new MemoryApplicationStore();

    @Override
    protected ApplicationStore store() {
        return store;
    }
}
