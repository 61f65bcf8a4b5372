package io.sluice.endpoint;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.AwsHeaders;
import io.sluice.common.protocol.AwsService;
import io.sluice.common.protocol.ErrorResponse;
import io.sluice.common.protocol.WireFormat;
import io.sluice.endpoint.access.AccessControl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AWS JSON 1.1 endpoint of a service: {@code POST /} with the operation in X-Amz-Target and the
 * request in JSON or CBOR. It takes the request id the gateway assigned (or makes one), decodes the
 * body as it streams in within the size and depth limits, dispatches through the service's
 * {@link AwsOperations} table, and writes the response in the request's encoding. This is the one
 * place where exceptions become AWS wire errors.
 */
@RestController
public class AwsEndpointController {
    private static final Logger log = LoggerFactory.getLogger(AwsEndpointController.class);
    /** What a forwarded request id may be: the gateway's UUIDs; anything else is replaced. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final java.util.List<AwsOperations> operations;
    private final AccessControl access;
    private final AwsCodec codec;
    private final long maxRequestBytes;

    /** @param operations the operation tables of the service: one per AWS API it serves */
    AwsEndpointController(java.util.List<AwsOperations> operations, AwsCodec codec, EndpointProperties properties, AccessControl access) {
        this.operations = java.util.List.copyOf(operations);
        this.codec = codec;
        this.maxRequestBytes = properties.maxRequestSize().toBytes();
        this.access = access;
    }

    /**
     * Streams the request body into the decoder and the response body out of the encoder: no
     * request or response is held as one array (PutRecords bodies reach 5 MiB, GetRecords 10 MiB).
     */
    @PostMapping(path = "/", consumes = "*/*")
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = request.getHeader(AwsHeaders.TARGET);
        WireFormat format = WireFormat.of(request.getContentType());
        String requestId = requestId(request.getHeader(AwsHeaders.REQUEST_ID));
        response.setHeader(AwsHeaders.REQUEST_ID, requestId);
        response.setContentType(format.contentType());
        MDC.put("requestId", requestId);
        try {
            AwsOperations.Operation<?> operation = operations.stream().flatMap(o -> o.forTarget(target).stream()).findFirst().orElseThrow(
                    () -> ErrorCode.UNKNOWN_OPERATION.exception("Operation %s is not supported.", target));
            if (request.getContentLengthLong() > maxRequestBytes) {
                throw ErrorCode.REQUEST_TOO_LARGE.exception("Request body of %d bytes exceeds the limit of %d bytes.",
                        request.getContentLengthLong(), maxRequestBytes);
            }
            Object decoded = codec.read(format, new LimitedInputStream(request.getInputStream(), maxRequestBytes),
                    operation.requestType());
            AwsService service = AwsService.forTarget(target).orElseThrow();
            access.authorizeRequest(request, service.arnNamespace() + ":" + service.operationOf(target).orElseThrow(), decoded);
            if (operation.isStreaming()) {
                operation.stream(decoded, new AwsExchange(request, response, format, codec, requestId));
                return;
            }
            Object result = operation.handle(decoded);
            response.setStatus(HttpServletResponse.SC_OK);
            codec.write(format, result, response.getOutputStream());
        } catch (AwsException e) {
            log.debug("{} failed: {} {}", target, e.code().wireName(), e.getMessage());
            error(response, format, e.code(), e.getMessage());
        } catch (UncheckedIOException e) {
            // The client went away mid-body; there is nobody to answer.
            log.debug("{} could not be read: {}", target, e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} failed unexpectedly", target, e);
            error(response, format, ErrorCode.INTERNAL_FAILURE, "Internal service failure.");
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The gateway's id when it sent one (so both log the same id), else a new one: for AWS and REST requests alike. */
    public static String requestId(String forwarded) {
        return forwarded != null && REQUEST_ID.matcher(forwarded).matches() ? forwarded : UUID.randomUUID().toString();
    }

    private void error(HttpServletResponse response, WireFormat format, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ErrorResponse error = ErrorResponse.of(codec, format, code, message);
        response.setStatus(error.status());
        response.setHeader(AwsHeaders.ERROR_TYPE, error.errorType());
        response.setContentType(error.contentType());
        response.setContentLength(error.body().length);
        response.getOutputStream().write(error.body());
    }
}
