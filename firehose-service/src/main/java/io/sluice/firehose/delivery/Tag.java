package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A tag as the Firehose API carries it: {@code {"Key": …, "Value": …}}. */
public record Tag(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
}
