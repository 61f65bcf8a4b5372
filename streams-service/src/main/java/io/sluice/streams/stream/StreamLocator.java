package io.sluice.streams.stream;

import io.sluice.common.account.Caller;
import io.sluice.common.arn.ConsumerArn;
import io.sluice.common.arn.StreamArn;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.endpoint.CallerScope;
import io.sluice.streams.metadata.StreamKey;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Turns the StreamName or StreamARN of a request into the stream's key, validating both as the
 * Kinesis API model constrains them. A stream named by its name belongs to the caller's account
 * and region ({@link CallerScope}).
 */
@Component
public class StreamLocator {
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    private static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");

    private final CallerScope callers;

    StreamLocator(CallerScope callers) {
        this.callers = callers;
    }

    /** Adds the model's constraints on StreamName and StreamARN to {@code violations}. */
    public static Violations checkNames(Violations violations, String name, String arn) {
        return violations.last("streamName", "streamARN")
                .length("streamName", name, 1, 128)
                .pattern("streamName", name, NAME)
                .length("streamARN", arn, 1, 2048)
                .pattern("streamARN", arn, ARN);
    }

    /**
     * The key of the stream a request names. Call after {@link #checkNames}.
     *
     * @throws io.sluice.common.error.AwsException InvalidArgumentException when neither or two
     *     different streams are named
     */
    public StreamKey locate(String name, String arn) {
        if (arn == null) {
            if (name == null) {
                throw ErrorCode.INVALID_ARGUMENT.exception("Either StreamName or StreamARN must be provided.");
            }
            return scope(name);
        }
        StreamArn parsed = StreamArn.parse(arn)
                .orElseThrow(() -> ErrorCode.INVALID_ARGUMENT.exception("Invalid StreamARN %s.", arn));
        if (name != null && !name.equals(parsed.streamName())) {
            throw ErrorCode.INVALID_ARGUMENT.exception("StreamName %s does not match the stream of StreamARN %s.", name, arn);
        }
        return new StreamKey(parsed.accountId(), parsed.region(), parsed.streamName());
    }

    /**
     * The stream a ResourceARN names (resource policies, which consumers do not have yet).
     *
     * @throws io.sluice.common.error.AwsException ValidationException (not a Kinesis ARN),
     *     ResourceNotFoundException (a consumer ARN)
     */
    public StreamKey locateResource(String resourceArn) {
        if (consumerResource(resourceArn).isPresent()) {
            throw ErrorCode.RESOURCE_NOT_FOUND.exception("Resource %s is a consumer; this operation takes stream ARNs.",
                    resourceArn);
        }
        return locate(null, resourceArn);
    }

    /**
     * The consumer a ResourceARN names, when it names one (TagResource and its kin take stream and
     * consumer ARNs alike).
     *
     * @throws io.sluice.common.error.AwsException ValidationException (not a Kinesis ARN)
     */
    public Optional<ConsumerArn> consumerResource(String resourceArn) {
        Violations.check()
                .notNull("resourceARN", resourceArn)
                .length("resourceARN", resourceArn, 1, 2048)
                .pattern("resourceARN", resourceArn, RESOURCE_ARN)
                .raise();
        return resourceArn.contains("/consumer/")
                ? Optional.of(ConsumerArn.parse(resourceArn)
                        .orElseThrow(() -> ErrorCode.INVALID_ARGUMENT.exception("Invalid ConsumerARN %s.", resourceArn)))
                : Optional.empty();
    }

    /** The account and region requests are served as. */
    public StreamKey scope(String name) {
        Caller caller = callers.current();
        return new StreamKey(caller.accountId(), caller.region(), name);
    }
}
