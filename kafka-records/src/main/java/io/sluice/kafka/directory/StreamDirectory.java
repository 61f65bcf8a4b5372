package io.sluice.kafka.directory;

import io.sluice.common.account.Caller;
import java.util.Optional;

/**
 * Finds Sluice streams for the services that read or write them (Firehose with a Kinesis stream as
 * its source, Analytics inputs and outputs). The streams service answers on its internal port; see
 * {@link HttpStreamDirectory}.
 */
public interface StreamDirectory {

    /** The stream {@code name} of {@code owner}, or empty when there is none. */
    Optional<StreamLocation> locate(Caller owner, String name);
}
