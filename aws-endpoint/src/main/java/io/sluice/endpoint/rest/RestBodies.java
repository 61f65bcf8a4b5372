package io.sluice.endpoint.rest;

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
    private final AwsCodec codec;

    public RestBodies(AwsCodec codec) {
        this.codec = codec;
    }

    /** The request body as an AWS request shape; an empty body reads as an empty structure. */
    public <T> T read(HttpServletRequest request, Class<T> type) {
        try {
            return codec.read(WireFormat.JSON, request.getInputStream(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
