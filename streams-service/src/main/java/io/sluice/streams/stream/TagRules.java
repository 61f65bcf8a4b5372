package io.sluice.streams.stream;

import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import java.util.Map;

/** The constraints on stream tags, shared by CreateStream and AddTagsToStream. */
public final class TagRules {
    /** Most tags a stream may carry. */
    public static final int MAX_TAGS = 50;

    private TagRules() {
    }

    public static void check(Map<String, String> tags) {
        Violations violations = Violations.check();
        tags.forEach((k, v) -> violations
                .length("tags.key", k, 1, 128)
                .notNull("tags.value", v)
                .length("tags.value", v, 0, 256));
        violations.raise();
        if (tags.size() > MAX_TAGS) {
            throw ErrorCode.INVALID_ARGUMENT.exception("A stream cannot have more than %d tags.", MAX_TAGS);
        }
    }
}
