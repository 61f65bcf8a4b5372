package io.sluice.streams.encryption;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wire form of StartStreamEncryption and StopStreamEncryption, which share their shape. */
public record StreamEncryptionRequest(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("EncryptionType") String encryptionType,
        @JsonProperty("KeyId") String keyId,
        @JsonProperty("StreamId") String streamId) {
}
