package io.sluice.streams.consumer;

import io.sluice.common.arn.ConsumerArn;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.protocol.Paging;
import io.sluice.common.tag.TagRules;
import io.sluice.streams.metadata.ConsumerStatus;
import io.sluice.streams.metadata.StreamConsumer;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.StreamLocator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers and DeregisterStreamConsumer:
 * the enhanced fan-out consumers of a stream, named by StreamARN and ConsumerName or by ConsumerARN.
 */
@Service
public class ConsumerService {
    /** What the Kinesis API model accepts as a ConsumerARN. */
    public static final Pattern CONSUMER_ARN = Pattern.compile(
            "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");

    private final StreamConsumers consumers;
    private final StreamLocator locator;
    private final Paging paging;

    ConsumerService(StreamConsumers consumers, StreamLocator locator, Paging paging) {
        this.consumers = consumers;
        this.locator = locator;
        this.paging = paging;
    }

    /** @throws io.sluice.common.error.AwsException as {@link StreamConsumers#register} */
    public RegisterStreamConsumerResponse register(RegisterStreamConsumerRequest request) {
        checkName(StreamLocator.checkNames(Violations.check(), null, request.streamArn())
                .notNull("streamARN", request.streamArn())
                .notNull("consumerName", request.consumerName()), request.consumerName())
                .size("tags", request.tags() == null ? null : request.tags().keySet(), 1, 200)
                .raise();
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        TagRules.KINESIS.check(tags);
        StreamKey key = locator.locate(null, request.streamArn());
        return new RegisterStreamConsumerResponse(ConsumerView.of(consumers.register(key, request.consumerName(), tags)));
    }

    /** @throws io.sluice.common.error.AwsException InvalidArgumentException (no consumer named), ResourceNotFoundException */
    public DescribeStreamConsumerResponse describe(ConsumerRequest request) {
        return new DescribeStreamConsumerResponse(ConsumerDescription.of(resolve(request, false)));
    }

    /**
     * The consumer a ConsumerARN names, which must be ACTIVE (SubscribeToShard).
     *
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException,
     *     ResourceInUseException (still CREATING or already DELETING)
     */
    public StreamConsumer requireActive(String consumerArn) {
        StreamConsumer consumer = resolve(new ConsumerRequest(null, null, consumerArn, null), false);
        if (consumer.status() != ConsumerStatus.ACTIVE) {
            throw ErrorCode.RESOURCE_IN_USE.exception("Consumer %s is not ACTIVE, instead in state %s.", consumerArn, consumer.status());
        }
        return consumer;
    }

    /** @throws io.sluice.common.error.AwsException InvalidArgumentException (no consumer named), ResourceNotFoundException */
    public void deregister(ConsumerRequest request) {
        resolve(request, true);
    }

    /** Consumers in name order, MaxResults (default 100) at a time, with NextToken pagination. */
    public ListStreamConsumersResponse list(ListStreamConsumersRequest request) {
        StreamLocator.checkNames(Violations.check(), null, request.streamArn())
                .notNull("streamARN", request.streamArn())
                .range("maxResults", request.maxResults(), 1, 10000)
                .length("nextToken", request.nextToken(), 1, 1048576)
                .raise();
        StreamKey key = locator.locate(null, request.streamArn());
        String listing = key.arn().toString();
        String after = paging.startAfter(request.nextToken(), listing, null);
        int max = request.maxResults() == null ? 100 : request.maxResults();
        Paging.Page<StreamConsumer> page = paging.page(
                consumers.list(key, request.streamCreationTimestamp(), after, max + 1), max, listing, StreamConsumer::name);
        return new ListStreamConsumersResponse(page.items().stream().map(ConsumerView::of).toList(), page.nextToken());
    }

    private StreamConsumer resolve(ConsumerRequest request, boolean deregister) {
        checkName(StreamLocator.checkNames(Violations.check(), null, request.streamArn()), request.consumerName())
                .length("consumerARN", request.consumerArn(), 1, 2048)
                .pattern("consumerARN", request.consumerArn(), CONSUMER_ARN)
                .raise();
        StreamKey key;
        String name;
        Long registeredAt = null;
        if (request.consumerArn() != null) {
            ConsumerArn arn = ConsumerArn.parse(request.consumerArn()).orElseThrow(() -> ErrorCode.INVALID_ARGUMENT.exception(
                    "Invalid ConsumerARN %s.", request.consumerArn()));
            key = locator.locate(null, arn.stream().toString());
            name = arn.consumerName();
            registeredAt = arn.creationEpochSeconds();
        } else if (request.streamArn() != null && request.consumerName() != null) {
            key = locator.locate(null, request.streamArn());
            name = request.consumerName();
        } else {
            throw ErrorCode.INVALID_ARGUMENT.exception("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        }
        StreamConsumer consumer = consumers.find(key, name);
        if (registeredAt != null && registeredAt != consumer.createdAt().getEpochSecond()) {
            // The ARN names an earlier registration of a consumer with this name.
            throw ErrorCode.RESOURCE_NOT_FOUND.exception("Consumer %s not found.", request.consumerArn());
        }
        return deregister ? consumers.deregister(key, name) : consumer;
    }

    private static Violations checkName(Violations violations, String name) {
        return violations.length("consumerName", name, 1, 128).pattern("consumerName", name, StreamLocator.NAME);
    }
}
