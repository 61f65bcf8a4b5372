package io.sluice.streams.api;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Kinesis endpoint: {@code POST /} with the operation in X-Amz-Target and the request in JSON
 * or CBOR. This is the one place where exceptions become AWS wire errors.
 */
@RestController
class KinesisController {
    private static final Logger log = LoggerFactory.getLogger(KinesisController.class);

    private final KinesisApi api;
    private final AwsCodec codec;

    KinesisController(KinesisApi api, AwsCodec codec) {
        this.api = api;
        this.codec = codec;
    }

    @PostMapping(path = "/", consumes = "*/*")
    ResponseEntity<byte[]> handle(
            @RequestHeader(name = "X-Amz-Target", required = false) String target,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        WireFormat format = WireFormat.of(contentType);
        String requestId = UUID.randomUUID().toString();
        try {
            KinesisOperation operation = KinesisOperation.forTarget(target).orElseThrow(
                    () -> ErrorCode.UNKNOWN_OPERATION.exception("Operation %s is not supported.", target));
            Object request = codec.read(format, body, operation.requestType());
            Object response = api.invoke(operation, request);
            return ResponseEntity.ok()
                    .header("Content-Type", format.contentType())
                    .header("x-amzn-RequestId", requestId)
                    .body(codec.write(format, response));
        } catch (AwsException e) {
            log.debug("{} failed: {} {}", target, e.code().wireName(), e.getMessage());
            return error(format, requestId, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} failed unexpectedly", target, e);
            return error(format, requestId, ErrorCode.INTERNAL_FAILURE, "Internal service failure.");
        }
    }

    private ResponseEntity<byte[]> error(WireFormat format, String requestId, ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus())
                .header("Content-Type", format.contentType())
                .header("x-amzn-RequestId", requestId)
                .header("x-amzn-ErrorType", code.wireName())
                .body(codec.writeError(format, code, message));
    }
}
