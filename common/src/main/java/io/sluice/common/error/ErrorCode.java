package io.sluice.common.error;

import java.util.HashMap;
import java.util.Map;

/**
 * The error catalogue shared by every Sluice API: each constant carries the wire name a client
 * matches on ({@code __type}) and the HTTP status. Wire names are spelled out here, as the AWS
 * service models spell them, and never derived from a Java class name. Whether a failure is worth
 * retrying is {@link RetryPolicy}'s decision, not a property of the name.
 */
public enum ErrorCode {
    INTERNAL_FAILURE("InternalFailure", 500),
    /** The name the SubscribeToShard event stream uses for an internal failure that ends it. */
    INTERNAL_FAILURE_EXCEPTION("InternalFailureException", 500),
    /** The generic AWS name, for the gateway when a service cannot be reached. */
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
    /** Firehose's and Kinesis Analytics' modelled name for the same. */
    SERVICE_UNAVAILABLE_EXCEPTION("ServiceUnavailableException", 503),
    SERIALIZATION("SerializationException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    /** A Signature Version 4 that does not verify: wrong secret, altered request, wrong scope, or out of time. */
    INVALID_SIGNATURE("InvalidSignatureException", 400),
    /** An access key the gateway does not know. */
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    VALIDATION("ValidationException", 400),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    /** Glue's errors, for the schema catalogue Firehose's format conversion reads (the AWSGlue API). */
    ALREADY_EXISTS("AlreadyExistsException", 400),
    ENTITY_NOT_FOUND("EntityNotFoundException", 400),
    INVALID_INPUT("InvalidInputException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    /** No master key is configured to wrap or unwrap a stream's data keys with. */
    KMS_NOT_FOUND("KMSNotFoundException", 400),
    /** A data key does not unwrap with the configured master key (it was wrapped by another). */
    KMS_ACCESS_DENIED("KMSAccessDeniedException", 400),
    KMS_DISABLED("KMSDisabledException", 400),
    KMS_INVALID_STATE("KMSInvalidStateException", 400),
    KMS_OPT_IN_REQUIRED("KMSOptInRequired", 400),
    KMS_THROTTLING("KMSThrottlingException", 400),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
    REQUEST_TOO_LARGE("RequestEntityTooLargeException", 413),
    // Firehose (firehose-2015-08-04)
    /** The source of a delivery stream (a Kinesis stream, say) cannot be read or is not what it should be. */
    INVALID_SOURCE("InvalidSourceException", 400),
    /** The KMS key of a delivery stream's server-side encryption cannot be used. */
    INVALID_KMS_RESOURCE("InvalidKMSResourceException", 400),
    /** Another request changed the resource since its version or description was read. */
    CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
    // Kinesis Analytics (kinesisanalytics-2015-08-14)
    /** An application's SQL code does not compile. */
    CODE_VALIDATION("CodeValidationException", 400),
    /** A discovery or a run of an application could not read its source fast enough. */
    RESOURCE_PROVISIONED_THROUGHPUT_EXCEEDED("ResourceProvisionedThroughputExceededException", 400),
    /** DiscoverInputSchema found no schema in the sampled records. */
    UNABLE_TO_DETECT_SCHEMA("UnableToDetectSchemaException", 400),
    INVALID_APPLICATION_CONFIGURATION("InvalidApplicationConfigurationException", 400),
    /** The operation is not supported for this resource (Kinesis Analytics' own name for it). */
    UNSUPPORTED_OPERATION("UnsupportedOperationException", 400),
    TOO_MANY_TAGS("TooManyTagsException", 400);

    private static final Map<String, ErrorCode> BY_WIRE_NAME = new HashMap<>();

    static {
        for (ErrorCode code : values()) {
            if (BY_WIRE_NAME.put(code.wireName, code) != null) {
                throw new ExceptionInInitializerError("Duplicate wire name " + code.wireName);
            }
        }
    }

    private final String wireName;
    private final int httpStatus;

    ErrorCode(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code for a wire name, or {@link #INTERNAL_FAILURE} for a name this catalogue lacks. */
    public static ErrorCode forWireName(String wireName) {
        return BY_WIRE_NAME.getOrDefault(wireName, INTERNAL_FAILURE);
    }

    /** An exception carrying this code; {@code message} is a {@link String#format} pattern. */
    public AwsException exception(String message, Object... args) {
        return new AwsException(this, args.length == 0 ? message : String.format(message, args));
    }
}
