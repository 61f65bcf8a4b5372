package io.sluice.common.protocol;

/** The two encodings of the AWS JSON 1.1 protocol family that Kinesis clients send. */
public enum WireFormat {
    JSON("application/x-amz-json-1.1"),
    CBOR("application/x-amz-cbor-1.1");

    private final String contentType;

    WireFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** CBOR when the content type says so; JSON otherwise, as AWS treats any other JSON type. */
    public static WireFormat of(String contentType) {
        return contentType != null && contentType.startsWith("application/x-amz-cbor") ? CBOR : JSON;
    }
}
