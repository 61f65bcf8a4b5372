package io.sluice.endpoint.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Request and response bodies of the REST API in the AWS JSON shapes, read and written by the same
 * codec as the AWS endpoint (the same size and depth limits, the same SerializationException for a
 * body that does not fit its shape): a resource's representation is what the AWS API answers for it.
 */
public final class RestBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsCodec codec;
    private final long maxRequestBytes;
    private final io.sluice.endpoint.access.AccessControl access;

    /**
     * @param maxRequestBytes the largest body read, as on the AWS endpoint ({@code sluice.endpoint.max-request-size})
     * @param access authorizes handlers whose resource the body names ({@link RestAction#IN_BODY}); null where nothing is authorized
     */
    public RestBodies(AwsCodec codec, long maxRequestBytes, io.sluice.endpoint.access.AccessControl access) {
        this.codec = codec;
        this.maxRequestBytes = maxRequestBytes;
        this.access = access;
    }

    /**
     * The request body as an AWS request shape; an empty body reads as an empty structure. A handler
     * whose resource the body names ({@link RestAction#IN_BODY}) is authorized here, on that resource,
     * as the AWS request of the same shape is.
     */
    public <T> T read(HttpServletRequest request, Class<T> type) {
        T decoded;
        try {
            decoded = codec.read(WireFormat.JSON, body(request), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object action = request.getAttribute(io.sluice.endpoint.access.AccessControl.ACTION);
        if (access != null && action != null && request.getAttribute(RestAuthorization.IN_BODY) != null) {
            access.authorizeRequest(request, (String) action, decoded);
        }
        return decoded;
    }

    /**
     * The request body as an AWS request shape, with members the path names set to the path's values
     * ({@code "DeliveryStreamName", name}): the resource comes from the path, the rest from the body.
     *
     * @param members member name, value, member name, value…
     */
    public <T> T read(HttpServletRequest request, Class<T> type, String... members) {
        try {
            byte[] body = body(request).readAllBytes();
            JsonNode tree = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (!(tree instanceof ObjectNode object)) {
                throw ErrorCode.SERIALIZATION.exception("Request body must be a structure");
            }
            for (int i = 0; i + 1 < members.length; i += 2) {
                object.put(members[i], members[i + 1]);
            }
            return codec.read(WireFormat.JSON, JSON.writeValueAsBytes(object), type);
        } catch (JsonProcessingException e) {
            throw ErrorCode.SERIALIZATION.exception("The request body is not JSON: %s", e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.io.InputStream body(HttpServletRequest request) throws IOException {
        return new io.sluice.endpoint.LimitedInputStream(request.getInputStream(), maxRequestBytes);
    }

    public ResponseEntity<byte[]> ok(Object body) {
        return respond(HttpStatus.OK, body);
    }

    public ResponseEntity<byte[]> created(URI location, Object body) {
        return ResponseEntity.created(location).contentType(MediaType.APPLICATION_JSON).body(codec.write(WireFormat.JSON, body));
    }

    /** An action that goes on in the background (a stream being deleted): 202, with what the AWS API answered. */
    public ResponseEntity<byte[]> accepted(Object body) {
        return respond(HttpStatus.ACCEPTED, body);
    }

    public ResponseEntity<byte[]> respond(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(codec.write(WireFormat.JSON, body));
    }

    /** A body for the codec's own JSON (records' data as JSON values). */
    public byte[] json(Object body) {
        return codec.write(WireFormat.JSON, body);
    }
}
