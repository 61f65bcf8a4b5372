package io.sluice.common.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects constraint violations of a request and raises them as one ValidationException, in the
 * message format AWS services use ("2 validation errors detected: Value 'x' at 'shardCount' failed
 * to satisfy constraint: Member must ..."). Field names are given as AWS prints them (lower camel).
 */
public final class Violations {
    private final List<String> messages = new ArrayList<>();

    public static Violations check() {
        return new Violations();
    }

    public Violations notNull(String field, Object value) {
        if (value == null) {
            add(null, field, "Member must not be null");
        }
        return this;
    }

    public Violations length(String field, String value, int min, int max) {
        if (value != null) {
            lengthOf(field, value, value.length(), min, max);
        }
        return this;
    }

    public Violations size(String field, Collection<?> value, int min, int max) {
        if (value != null) {
            lengthOf(field, value, value.size(), min, max);
        }
        return this;
    }

    /** A blob's length; the value itself is not echoed. */
    public Violations bytes(String field, byte[] value, int max) {
        if (value != null && value.length > max) {
            messages.add("Value at '" + field + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + max);
        }
        return this;
    }

    public Violations range(String field, Integer value, long min, long max) {
        if (value != null) {
            if (value < min) {
                add(value, field, "Member must have value greater than or equal to " + min);
            } else if (value > max) {
                add(value, field, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    public Violations pattern(String field, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(value, field, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return this;
    }

    public Violations oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(value, field, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** Throws a ValidationException if any constraint failed. */
    public void raise() {
        if (messages.isEmpty()) {
            return;
        }
        String head = messages.size() == 1
                ? "1 validation error detected: "
                : messages.size() + " validation errors detected: ";
        throw new AwsException(ErrorCode.VALIDATION, head + String.join("; ", messages));
    }

    private void lengthOf(String field, Object value, int length, int min, int max) {
        if (length < min) {
            add(value, field, "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            add(value, field, "Member must have length less than or equal to " + max);
        }
    }

    private void add(Object value, String field, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        messages.add("Value " + shown + " at '" + field + "' failed to satisfy constraint: " + constraint);
    }
}
