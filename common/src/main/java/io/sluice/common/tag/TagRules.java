package io.sluice.common.tag;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import java.util.Collection;
import java.util.Map;

/**
 * The tag constraints of every kind of resource Sluice serves. Keys are 1–128 characters and
 * values 0–256 in all three APIs; what differs is how many tags a resource may carry and which
 * error says it has too many (Kinesis: InvalidArgumentException; Firehose: LimitExceededException;
 * Kinesis Analytics: TooManyTagsException).
 *
 * @param resource how a message names the resource ("stream", "delivery stream", "application")
 * @param maxTags most tags one resource carries
 * @param tooMany the error for a request that would pass {@code maxTags}
 */
public record TagRules(String resource, int maxTags, ErrorCode tooMany) {
    /** Kinesis data streams and consumers: 50 tags (AddTagsToStream, TagResource). */
    public static final TagRules KINESIS = new TagRules("stream", 50, ErrorCode.INVALID_ARGUMENT);
    /** Firehose delivery streams: 50 tags (TagDeliveryStream). */
    public static final TagRules FIREHOSE = new TagRules("delivery stream", 50, ErrorCode.LIMIT_EXCEEDED);
    /** Kinesis Analytics applications: 50 tags (TagResource). */
    public static final TagRules KINESIS_ANALYTICS = new TagRules("application", 50, ErrorCode.TOO_MANY_TAGS);

    /** Checks a resource's whole tag set: each key and value, and the count. */
    public void check(Map<String, String> tags) {
        checkEach(tags);
        checkCount(tags.size());
    }

    /** Checks the keys and values of tags being added; the count is checked on the merged set. */
    public void checkEach(Map<String, String> tags) {
        Violations violations = Violations.check();
        tags.forEach((k, v) -> violations
                .length("tags.key", k, 1, 128)
                .notNull("tags.value", v)
                .length("tags.value", v, 0, 256));
        violations.raise();
    }

    /** Checks the keys of a tag removal. */
    public void checkKeys(Collection<String> keys) {
        Violations violations = Violations.check();
        keys.forEach(k -> violations.length("tagKeys.member", k, 1, 128));
        violations.raise();
    }

    /** @throws AwsException {@link #tooMany} when a resource would carry more than {@link #maxTags} */
    public void checkCount(int count) {
        if (count > maxTags) {
            throw tooMany.exception("A %s cannot have more than %d tags.", resource, maxTags);
        }
    }
}
