package io.sluice.streams.tag;

import io.sluice.common.arn.ConsumerArn;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.tag.TagRules;
import io.sluice.streams.consumer.StreamConsumers;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.stream.StreamSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** AddTagsToStream, ListTagsForStream, RemoveTagsFromStream and their ResourceARN forms TagResource, ListTagsForResource, UntagResource (stream and consumer ARNs). */
@Service
public class TagService {
    private final StreamSettings streams;
    private final StreamConsumers consumers;
    private final StreamLocator locator;

    TagService(StreamSettings streams, StreamConsumers consumers, StreamLocator locator) {
        this.streams = streams;
        this.consumers = consumers;
        this.locator = locator;
    }

    /**
     * Adds or overwrites tags.
     *
     * @throws io.sluice.common.error.AwsException ValidationException, InvalidArgumentException
     *     (more than 50 tags would result), ResourceNotFoundException
     */
    public void add(AddTagsToStreamRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("tags", request.tags())
                .size("tags", request.tags() == null ? null : request.tags().keySet(), 1, 200)
                .raise();
        TagRules.KINESIS.checkEach(request.tags());
        addTags(locator.locate(request.streamName(), request.streamArn()), request.tags());
    }

    /** TagResource: as AddTagsToStream, for the stream a ResourceARN names. */
    public void tagResource(TagResourceRequest request) {
        Violations.check()
                .notNull("resourceARN", request.resourceArn())
                .notNull("tags", request.tags())
                .size("tags", request.tags() == null ? null : request.tags().keySet(), 1, 200)
                .raise();
        TagRules.KINESIS.checkEach(request.tags());
        Optional<ConsumerArn> consumer = locator.consumerResource(request.resourceArn());
        if (consumer.isPresent()) {
            consumers.updateTags(consumer.get(), current -> merge(current, request.tags(), "consumer " + consumer.get()));
        } else {
            addTags(locator.locateResource(request.resourceArn()), request.tags());
        }
    }

    /** Adds tags to a stream's or consumer's, once it is found (as AWS checks them): their characters, then their count. */
    private static void merge(Map<String, String> current, Map<String, String> added, String resource) {
        TagRules.checkKinesisCharacters(added.keySet());
        TagRules.checkKinesisCharacters(added.values());
        Map<String, String> merged = new HashMap<>(current);
        merged.putAll(added);
        if (merged.size() > TagRules.KINESIS.maxTags()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Failed to add tags to %s because a given stream cannot have more than %d tags "
                    + "associated with it.", resource, TagRules.KINESIS.maxTags());
        }
        current.putAll(added);
    }

    private void addTags(StreamKey key, Map<String, String> added) {
        streams.updateTags(key, current -> merge(current, added, "stream " + key.name() + " under account " + key.accountId()));
    }

    /** Tags in key order, after ExclusiveStartTagKey, at most Limit (default 10) of them. */
    public ListTagsForStreamResponse list(ListTagsForStreamRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .range("limit", request.limit(), 1, 50)
                .length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, 128)
                .raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        TreeMap<String, String> sorted = new TreeMap<>(read(key));
        Map<String, String> remaining = request.exclusiveStartTagKey() == null
                ? sorted
                : sorted.tailMap(request.exclusiveStartTagKey(), false);
        int limit = request.limit() == null ? 10 : request.limit();
        List<Tag> page = remaining.entrySet().stream().limit(limit).map(e -> new Tag(e.getKey(), e.getValue())).toList();
        return new ListTagsForStreamResponse(page, remaining.size() > limit);
    }

    /** ListTagsForResource: every tag of the stream a ResourceARN names, in key order. */
    public ListTagsForResourceResponse listForResource(ListTagsForResourceRequest request) {
        Optional<ConsumerArn> consumer = locator.consumerResource(request.resourceArn());
        Map<String, String> tags = consumer.isPresent()
                ? consumers.tags(consumer.get())
                : read(locator.locateResource(request.resourceArn()));
        return new ListTagsForResourceResponse(new TreeMap<>(tags).entrySet()
                .stream().map(e -> new Tag(e.getKey(), e.getValue())).toList());
    }

    private Map<String, String> read(StreamKey key) {
        return streams.tags(key);
    }

    /** Removes the named tags; keys that are not set are ignored. */
    public void remove(RemoveTagsFromStreamRequest request) {
        Violations violations = StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("tagKeys", request.tagKeys())
                .size("tagKeys", request.tagKeys(), 1, 50);
        checkKeys(violations, request.tagKeys()).raise();
        removeTags(locator.locate(request.streamName(), request.streamArn()), request.tagKeys());
    }

    /** UntagResource: as RemoveTagsFromStream, for the stream a ResourceARN names. */
    public void untagResource(UntagResourceRequest request) {
        Violations violations = Violations.check()
                .notNull("resourceARN", request.resourceArn())
                .notNull("tagKeys", request.tagKeys())
                .size("tagKeys", request.tagKeys(), 1, 50);
        checkKeys(violations, request.tagKeys()).raise();
        Optional<ConsumerArn> consumer = locator.consumerResource(request.resourceArn());
        if (consumer.isPresent()) {
            consumers.updateTags(consumer.get(), current -> request.tagKeys().forEach(current::remove));
        } else {
            removeTags(locator.locateResource(request.resourceArn()), request.tagKeys());
        }
    }

    private static Violations checkKeys(Violations violations, List<String> keys) {
        if (keys != null) {
            keys.forEach(k -> violations.notNull("tagKeys.member", k).length("tagKeys.member", k, 1, 128));
        }
        return violations;
    }

    private void removeTags(StreamKey key, List<String> keys) {
        streams.updateTags(key, current -> {
            TagRules.checkKinesisCharacters(keys);
            keys.forEach(current::remove);
        });
    }
}
