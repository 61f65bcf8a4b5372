package io.sluice.streams.api;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsCodec;
import io.sluice.common.protocol.WireFormat;
import io.sluice.streams.config.StreamsProperties;
import io.sluice.streams.subscription.ShardSubscription;
import io.sluice.streams.subscription.SubscribeToShardRequest;
import io.sluice.streams.subscription.SubscriptionService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
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
    private final SubscriptionService subscriptions;
    private final AwsCodec codec;
    private final Duration subscriptionLasts;

    KinesisController(KinesisApi api, SubscriptionService subscriptions, AwsCodec codec, StreamsProperties properties) {
        this.api = api;
        this.subscriptions = subscriptions;
        this.codec = codec;
        this.subscriptionLasts = properties.subscriptions().duration();
    }

    /**
     * Streams the request body into the decoder and the response body out of the encoder: no
     * request or response is held as one array (PutRecords bodies reach 5 MiB, GetRecords 10 MiB).
     */
    @PostMapping(path = "/", consumes = "*/*")
    void handle(
            @RequestHeader(name = "X-Amz-Target", required = false) String target,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            InputStream body,
            HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        WireFormat format = WireFormat.of(contentType);
        response.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        response.setContentType(format.contentType());
        Object result;
        try {
            KinesisOperation operation = KinesisOperation.forTarget(target).orElseThrow(
                    () -> ErrorCode.UNKNOWN_OPERATION.exception("Operation %s is not supported.", target));
            Object decoded = codec.read(format, body, operation.requestType());
            if (operation == KinesisOperation.SUBSCRIBE_TO_SHARD) {
                // Errors before the stream starts are ordinary error responses; later ones are events.
                ShardSubscription subscription = subscriptions.subscribe((SubscribeToShardRequest) decoded);
                EventStreamResponse.start(request, response, format, codec, subscription, subscriptionLasts);
                return;
            }
            result = api.invoke(operation, decoded);
        } catch (AwsException e) {
            log.debug("{} failed: {} {}", target, e.code().wireName(), e.getMessage());
            error(format, response, e.code(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("{} failed unexpectedly", target, e);
            error(format, response, ErrorCode.INTERNAL_FAILURE, "Internal service failure.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        codec.write(format, result, response.getOutputStream());
    }

    private void error(WireFormat format, HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.httpStatus());
        response.setHeader("x-amzn-ErrorType", code.wireName());
        byte[] body = codec.writeError(format, code, message);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
