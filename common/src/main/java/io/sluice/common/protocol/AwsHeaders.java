package io.sluice.common.protocol;

/** The HTTP headers of the AWS JSON protocol that the gateway and the services read or write. */
public final class AwsHeaders {
    /** The operation: {@code <target prefix>.<Operation>}. */
    public static final String TARGET = "X-Amz-Target";
    /** The id of a request, on every response; the gateway assigns it and forwards it to the service. */
    public static final String REQUEST_ID = "x-amzn-RequestId";
    /** The wire name of an error, beside the {@code __type} of its body. */
    public static final String ERROR_TYPE = "x-amzn-ErrorType";
    /**
     * What the gateway tells a service of the caller it authenticated, and nobody else may send
     * (the gateway removes every header with this prefix from what clients send): the account, the
     * principal's ARN and its identity policy (base64url of the JSON).
     */
    public static final String CALLER_PREFIX = "X-Sluice-Caller-";
    public static final String CALLER_ACCOUNT = CALLER_PREFIX + "Account";
    public static final String CALLER_PRINCIPAL = CALLER_PREFIX + "Principal";
    public static final String CALLER_POLICY = CALLER_PREFIX + "Policy";

    private AwsHeaders() {
    }
}
