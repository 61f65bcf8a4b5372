package io.sluice.common.error;

import java.util.HashMap;
import java.util.Map;

/**
 * The error catalogue shared by every Sluice API: each constant carries the wire name a client
 * matches on ({@code __type}), the HTTP status and whether a client should retry. Wire names are
 * spelled out here and never derived from a Java class name.
 */
public enum ErrorCode {
    INTERNAL_FAILURE("InternalFailure", 500, true),
    /** The name the SubscribeToShard event stream uses for an internal failure that ends it. */
    INTERNAL_FAILURE_EXCEPTION("InternalFailureException", 500, true),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, true),
    SERIALIZATION("SerializationException", 400, false),
    UNKNOWN_OPERATION("UnknownOperationException", 400, false),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400, false),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400, false),
    ACCESS_DENIED("AccessDeniedException", 400, false),
    VALIDATION("ValidationException", 400, false),
    INVALID_ARGUMENT("InvalidArgumentException", 400, false),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400, false),
    RESOURCE_IN_USE("ResourceInUseException", 400, false),
    LIMIT_EXCEEDED("LimitExceededException", 400, true),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400, true),
    /** No master key is configured to wrap or unwrap a stream's data keys with. */
    KMS_NOT_FOUND("KMSNotFoundException", 400, false),
    /** A data key does not unwrap with the configured master key (it was wrapped by another). */
    KMS_ACCESS_DENIED("KMSAccessDeniedException", 400, false),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400, false),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400, false),
    REQUEST_TOO_LARGE("RequestEntityTooLargeException", 413, false);

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
    private final boolean retryable;

    ErrorCode(String wireName, int httpStatus, boolean retryable) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
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
