package io.sluice.streams.tag;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of a tag. */
public record Tag(
        @JsonProperty("Key") String key,
        @JsonProperty("Value") String value) {
}
