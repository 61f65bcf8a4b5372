package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.tag.TagRules;
import io.sluice.endpoint.CallerScope;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream: up to 50 tags a delivery stream. */
@Service
public class DeliveryStreamTags {
    /** ListTagsForDeliveryStream lists 50 tags (all of them) when no Limit is given. */
    private static final int DEFAULT_LIMIT = 50;

    private final DeliveryStreamStore store;
    private final CallerScope callers;

    DeliveryStreamTags(DeliveryStreamStore store, CallerScope callers) {
        this.store = store;
        this.callers = callers;
    }

    /** The tags of a request, checked as the model constrains them, as a map. */
    static Map<String, String> parse(List<Tag> tags) {
        return tags == null ? Map.of()
                : TagRules.FIREHOSE.checkMembers(tags.stream()
                        .map(t -> new AbstractMap.SimpleImmutableEntry<>(t.key(), t.value())).toList());
    }

    /**
     * Adds or replaces tags.
     *
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException,
     *     LimitExceededException (more than 50 tags on the stream)
     */
    public void tag(TagDeliveryStreamRequest request) {
        name(request).notNull("tags", request.tags()).size("tags", request.tags(), 1, 50).raise();
        Map<String, String> added = parse(request.tags());
        change(request.deliveryStreamName(), tags -> tags.putAll(added));
    }

    /** Removes tags by key; keys it does not have are ignored. @throws io.sluice.common.error.AwsException as {@link #tag} */
    public void untag(TagDeliveryStreamRequest request) {
        name(request).notNull("tagKeys", request.tagKeys()).size("tagKeys", request.tagKeys(), 1, 50).raise();
        TagRules.FIREHOSE.checkKeys(request.tagKeys());
        change(request.deliveryStreamName(), tags -> request.tagKeys().forEach(tags::remove));
    }

    /** Tags in key order after ExclusiveStartTagKey. @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException */
    public ListTagsForDeliveryStreamResponse list(TagDeliveryStreamRequest request) {
        name(request).range("limit", request.limit(), 1, 50)
                .length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, 128)
                .pattern("exclusiveStartTagKey", request.exclusiveStartTagKey(), TagRules.FIREHOSE.keyPattern())
                .raise();
        Caller caller = callers.current();
        DeliveryStream stream = store.find(caller, request.deliveryStreamName())
                .orElseThrow(() -> DeliveryStreamService.notFound(request.deliveryStreamName(), caller));
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        String after = request.exclusiveStartTagKey();
        List<Tag> remaining = stream.tags().entrySet().stream()
                .filter(e -> after == null || e.getKey().compareTo(after) > 0)
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toList();
        return new ListTagsForDeliveryStreamResponse(remaining.stream().limit(limit).toList(), remaining.size() > limit);
    }

    private void change(String name, java.util.function.Consumer<Map<String, String>> change) {
        Caller caller = callers.current();
        store.update(caller, name, stream -> {
            Map<String, String> tags = new TreeMap<>(stream.tags());
            change.accept(tags);
            TagRules.FIREHOSE.checkCount(tags.size());
            return stream.withTags(tags);
        }).orElseThrow(() -> DeliveryStreamService.notFound(name, caller));
    }

    private static Violations name(TagDeliveryStreamRequest request) {
        return DeliveryStreamService.checkName(Violations.check(), request.deliveryStreamName());
    }
}
