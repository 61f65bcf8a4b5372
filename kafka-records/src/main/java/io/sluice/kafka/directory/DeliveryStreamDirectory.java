package io.sluice.kafka.directory;

import io.sluice.common.account.Caller;
import java.util.Optional;

/**
 * Finds Firehose DirectPut delivery streams for the services that read or write them as a
 * producer would (Analytics inputs and outputs): each as a {@link StreamLocation} built by
 * {@link StreamLocation#ofTopic}. The Firehose service answers on its internal port at
 * {@link HttpStreamDirectory#DELIVERY_STREAMS_PATH}.
 */
@FunctionalInterface
public interface DeliveryStreamDirectory {

    /** The DirectPut delivery stream {@code name} of {@code owner}, or empty when there is none. */
    Optional<StreamLocation> locate(Caller owner, String name);

    /** The Firehose service's directory over HTTP, e.g. at {@code http://firehose:4568}. */
    static DeliveryStreamDirectory over(java.net.URI firehoseService) {
        return new HttpStreamDirectory(firehoseService, HttpStreamDirectory.DELIVERY_STREAMS_PATH)::locate;
    }
}
