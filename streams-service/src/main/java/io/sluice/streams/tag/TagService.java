package io.sluice.streams.tag;

import io.sluice.common.error.Violations;
import io.sluice.streams.stream.StreamKey;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.stream.StreamTags;
import io.sluice.streams.stream.TagRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** AddTagsToStream, ListTagsForStream and RemoveTagsFromStream. */
@Service
public class TagService {
    private final StreamTags tags;
    private final StreamLocator locator;

    TagService(StreamTags tags, StreamLocator locator) {
        this.tags = tags;
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
        TagRules.check(request.tags());
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        tags.update(key, current -> {
            Map<String, String> merged = new HashMap<>(current);
            merged.putAll(request.tags());
            TagRules.check(merged);
            current.putAll(request.tags());
        });
    }

    /** Tags in key order, after ExclusiveStartTagKey, at most Limit (default 10) of them. */
    public ListTagsForStreamResponse list(ListTagsForStreamRequest request) {
        StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, 128)
                .range("limit", request.limit(), 1, 50)
                .raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        TreeMap<String, String> sorted = new TreeMap<>(tags.read(key));
        Map<String, String> remaining = request.exclusiveStartTagKey() == null
                ? sorted
                : sorted.tailMap(request.exclusiveStartTagKey(), false);
        int limit = request.limit() == null ? 10 : request.limit();
        List<Tag> page = remaining.entrySet().stream().limit(limit).map(e -> new Tag(e.getKey(), e.getValue())).toList();
        return new ListTagsForStreamResponse(page, remaining.size() > limit);
    }

    /** Removes the named tags; keys that are not set are ignored. */
    public void remove(RemoveTagsFromStreamRequest request) {
        Violations violations = StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("tagKeys", request.tagKeys())
                .size("tagKeys", request.tagKeys(), 1, 50);
        if (request.tagKeys() != null) {
            request.tagKeys().forEach(k -> violations.notNull("tagKeys.member", k).length("tagKeys.member", k, 1, 128));
        }
        violations.raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        tags.update(key, current -> request.tagKeys().forEach(current::remove));
    }
}
