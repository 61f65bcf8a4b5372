package io.sluice.common.protocol;

import io.sluice.common.error.ErrorCode;

/**
 * An AWS error response as the gateway and every service write it: the status of the error, the
 * {@code x-amzn-ErrorType} header and a {@code {"__type", "message"}} body in the request's
 * encoding. (The {@code x-amzn-RequestId} header is on every response, error or not.)
 *
 * @param status the HTTP status
 * @param errorType the value of the x-amzn-ErrorType header
 * @param contentType the body's content type, the request's encoding
 * @param body the encoded body
 */
public record ErrorResponse(int status, String errorType, String contentType, byte[] body) {

    public static ErrorResponse of(AwsCodec codec, WireFormat format, ErrorCode code, String message) {
        return new ErrorResponse(code.httpStatus(), code.wireName(), format.contentType(),
                codec.writeError(format, code, message));
    }
}
