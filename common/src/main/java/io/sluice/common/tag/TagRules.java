package io.sluice.common.tag;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The tag constraints of every kind of resource Sluice serves. Keys are 1–128 characters and
 * values 0–256 in all three APIs; what differs is how many tags a resource may carry and which
 * error says it has too many (Kinesis: InvalidArgumentException; Firehose: LimitExceededException;
 * Kinesis Analytics: TooManyTagsException).
 *
 * @param resource how a message names the resource ("stream", "delivery stream", "application")
 * @param maxTags most tags one resource carries
 * @param tooMany the error for a request that would pass {@code maxTags}
 * @param keyPattern the model's pattern for keys, null where it has none
 * @param valuePattern the model's pattern for values, null where it has none
 */
public record TagRules(String resource, int maxTags, ErrorCode tooMany, Pattern keyPattern, Pattern valuePattern) {
    /** Kinesis data streams and consumers: 50 tags (AddTagsToStream, TagResource). */
    public static final TagRules KINESIS = new TagRules("stream", 50, ErrorCode.INVALID_ARGUMENT, null, null);
    /** Firehose delivery streams: 50 tags (TagDeliveryStream), no {@code aws:} keys, the model's characters. */
    public static final TagRules FIREHOSE = new TagRules("delivery stream", 50, ErrorCode.LIMIT_EXCEEDED,
            Pattern.compile("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$"), Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$"));
    /** Kinesis Analytics applications: 50 tags (TagResource). */
    public static final TagRules KINESIS_ANALYTICS = new TagRules("application", 50, ErrorCode.TOO_MANY_TAGS, null, null);

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

    /**
     * Checks tags given as a list of key-value members (Firehose's and Kinesis Analytics' form),
     * with AWS's member paths ({@code tags.1.member.key}), and returns them as a map.
     */
    public Map<String, String> checkMembers(List<? extends Map.Entry<String, String>> tags) {
        Violations violations = Violations.check();
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < tags.size(); i++) {
            String key = tags.get(i).getKey();
            String value = tags.get(i).getValue();
            String path = "tags." + (i + 1) + ".member.";
            violations.notNull(path + "key", key).length(path + "key", key, 1, 128).length(path + "value", value, 0, 256);
            if (keyPattern != null) {
                violations.pattern(path + "key", key, keyPattern);
            }
            if (valuePattern != null) {
                violations.pattern(path + "value", value, valuePattern);
            }
            if (key != null) {
                map.put(key, value == null ? "" : value);
            }
        }
        violations.raise();
        return map;
    }

    /** Checks the keys of a tag removal. */
    public void checkKeys(Collection<String> keys) {
        Violations violations = Violations.check();
        keys.forEach(k -> {
            violations.notNull("tagKeys.member", k).length("tagKeys.member", k, 1, 128);
            if (keyPattern != null) {
                violations.pattern("tagKeys.member", k, keyPattern);
            }
        });
        violations.raise();
    }

    /** The characters Kinesis takes in tag keys and values. */
    private static final Pattern KINESIS_CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_./=+\\-%@]*");

    /**
     * Kinesis' check of the characters in tags being added or keys being removed, made once the
     * stream is found, as AWS makes it.
     *
     * @throws AwsException InvalidArgumentException, in AWS's words
     */
    public static void checkKinesisCharacters(Collection<String> texts) {
        for (String text : texts) {
            if (text != null && !KINESIS_CHARACTERS.matcher(text).matches()) {
                throw ErrorCode.INVALID_ARGUMENT.exception("Some tags contain invalid characters. Valid characters: "
                        + "Unicode letters, digits, white space, _ . / = + - % @.");
            }
        }
    }

    /** @throws AwsException {@link #tooMany} when a resource would carry more than {@link #maxTags} */
    public void checkCount(int count) {
        if (count > maxTags) {
            throw tooMany.exception("A %s cannot have more than %d tags.", resource, maxTags);
        }
    }
}
