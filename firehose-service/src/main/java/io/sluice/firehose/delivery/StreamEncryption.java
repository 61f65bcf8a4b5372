package io.sluice.firehose.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A delivery stream's server-side encryption: its status (ENABLING, ENABLED, DISABLING, DISABLED),
 * the key type and ARN given, and its data key, wrapped by the master key. Records put while it is
 * ENABLING or ENABLED are sealed in Kafka with the data key, which stays with the stream once made.
 */
public record StreamEncryption(
        @JsonProperty("Status") String status,
        @JsonProperty("KeyType") String keyType,
        @JsonProperty("KeyARN") String keyArn,
        @JsonProperty("WrappedDataKey") byte[] wrappedDataKey) {

    /** The model's KeyType values. */
    public static final java.util.List<String> KEY_TYPES = java.util.List.of("AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK");

    /** The model's pattern of a KMS key ARN. */
    private static final java.util.regex.Pattern KEY_ARN =
            java.util.regex.Pattern.compile("arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+");

    /**
     * Adds the model's constraints on a given {@code DeliveryStreamEncryptionConfigurationInput}
     * (KeyType required, one of the enum; KeyARN's length and pattern) at {@code path}: checked
     * with the request's other members, before any lookup.
     */
    public static io.sluice.common.error.Violations check(io.sluice.common.error.Violations violations, String keyType, String keyArn,
            String path) {
        return violations.notNull(path + ".keyType", keyType)
                .oneOf(path + ".keyType", keyType, KEY_TYPES)
                .length(path + ".keyARN", keyArn, 1, 512)
                .pattern(path + ".keyARN", keyArn, KEY_ARN);
    }

    /**
     * Encryption starting with {@code wrappedDataKey}, for a key input {@link #check} passed (or none:
     * an AWS-owned key).
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException (a customer-managed key
     *     without KeyARN, an AWS-owned one with it)
     */
    public static StreamEncryption enabling(String keyType, String keyArn, byte[] wrappedDataKey) {
        String type = keyType == null ? "AWS_OWNED_CMK" : keyType;
        if (type.equals("CUSTOMER_MANAGED_CMK") && keyArn == null) {
            throw io.sluice.common.error.ErrorCode.INVALID_ARGUMENT.exception("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        }
        if (type.equals("AWS_OWNED_CMK") && keyArn != null) {
            throw io.sluice.common.error.ErrorCode.INVALID_ARGUMENT.exception("KeyARN must not be given when KeyType is AWS_OWNED_CMK.");
        }
        return new StreamEncryption("ENABLING", type, keyArn, wrappedDataKey);
    }

    /** Whether new records are sealed. */
    public boolean sealing() {
        return status.equals("ENABLING") || status.equals("ENABLED");
    }

    public StreamEncryption withStatus(String newStatus) {
        return new StreamEncryption(newStatus, keyType, keyArn, wrappedDataKey);
    }
}
