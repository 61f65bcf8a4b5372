package io.sluice.firehose.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Firehose's {@code Record}: a data blob of up to 1,000 KiB. */
public record FirehoseRecord(@JsonProperty("Data") byte[] data) {
}
