package io.sluice.endpoint;

import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a streaming operation needs to write its own response: the HTTP exchange, the request's
 * encoding (responses and events use it too) and the codec.
 */
public record AwsExchange(HttpServletRequest request, HttpServletResponse response, WireFormat format, AwsCodec codec,
        String requestId) {
}
