package io.sluice.local;

import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/** Checkpoints of the KCL applications in tests, where a checkpoint that fails fails the test. */
final class KclCheckpoints {
    private KclCheckpoints() {
    }

    static void checkpoint(RecordProcessorCheckpointer checkpointer) {
        try {
            checkpointer.checkpoint();
        } catch (Exception e) {
            throw new IllegalStateException("The KCL application could not checkpoint", e);
        }
    }
}
