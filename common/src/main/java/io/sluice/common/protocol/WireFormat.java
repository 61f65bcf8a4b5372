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

    /**
     * Whether a request in this content type is one of the AWS JSON protocol's: JSON 1.1 or CBOR 1.1
     * (and plain {@code application/json}, which Sluice reads as JSON 1.1). AWS answers any other
     * with 403, not knowing which operation is asked for.
     */
    public static boolean isProtocolType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals(JSON.contentType) || type.equals(CBOR.contentType) || type.equals("application/json");
    }

    /** CBOR when the content type says so; JSON otherwise, as AWS treats any other JSON type. */
    public static WireFormat of(String contentType) {
        return contentType != null && contentType.startsWith("application/x-amz-cbor") ? CBOR : JSON;
    }
}
