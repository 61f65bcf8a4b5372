package io.sluice.common.error;

/**
 * The one exception type that carries an AWS error to the client. Expected client errors are
 * frequent (throttling, bad input), so the exception records no stack trace.
 */
public final class AwsException extends RuntimeException {
    private final ErrorCode code;

    public AwsException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
