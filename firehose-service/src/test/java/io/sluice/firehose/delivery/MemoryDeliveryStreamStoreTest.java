package io.sluice.firehose.delivery;

class MemoryDeliveryStreamStoreTest extends DeliveryStreamStoreContract {
    private final MemoryDeliveryStreamStore store = new MemoryDeliveryStreamStore();

    @Override
    protected DeliveryStreamStore store() {
        return store;
    }
}
