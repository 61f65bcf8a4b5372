package io.sluice.firehose.encryption;

import com.fasterxml.jackson.annotation.JsonProperty;

/** StartDeliveryStreamEncryption and StopDeliveryStreamEncryption. */
public record EncryptionRequest(
        @JsonProperty("DeliveryStreamName") String deliveryStreamName,
        @JsonProperty("DeliveryStreamEncryptionConfigurationInput") KeyInput keyInput) {

    /** {@code DeliveryStreamEncryptionConfigurationInput}. */
    public record KeyInput(@JsonProperty("KeyARN") String keyArn, @JsonProperty("KeyType") String keyType) {
    }
}
