package io.sluice.common.protocol;

/** The HTTP headers of the AWS JSON protocol that the gateway and the services read or write. */
public final class AwsHeaders {
    /** The operation: {@code <target prefix>.<Operation>}. */
    public static final String TARGET = "X-Amz-Target";
    /** The id of a request, on every response; the gateway assigns it and forwards it to the service. */
    public static final String REQUEST_ID = "x-amzn-RequestId";
    /** The wire name of an error, beside the {@code __type} of its body. */
    public static final String ERROR_TYPE = "x-amzn-ErrorType";

    private AwsHeaders() {
    }
}
