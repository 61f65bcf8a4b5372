package io.sluice.common.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects constraint violations of a request and raises them as one ValidationException, in the
 * message format AWS services use ("2 validation errors detected: Value 'x' at 'shardCount' failed
 * to satisfy constraint: Member must ..."). Field names are given as AWS prints them (lower camel).
 * They are reported as AWS reports them: members in the order they were first checked (callers
 * check in the order AWS reports, which is an operation's own), except the members marked
 * {@link #last} (the stream name, which AWS names after the others); for one member a missing value,
 * then its pattern or enum, then its length or range; and at most {@value #MAX_REPORTED} of them.
 */
public final class Violations {
    private static final int PRESENCE = 0;
    private static final int FORM = 1;
    private static final int SIZE = 2;
    /** AWS names the first ten violations of a request, and counts only those. */
    static final int MAX_REPORTED = 10;

    private final List<Violation> violations = new ArrayList<>();
    private final java.util.Set<String> last = new java.util.HashSet<>();

    private record Violation(String field, int rank, String message) {
    }

    public static Violations check() {
        return new Violations();
    }

    /** Reports the violations of these members after all others, whenever they were checked. */
    public Violations last(String... fields) {
        last.addAll(java.util.Arrays.asList(fields));
        return this;
    }

    public Violations notNull(String field, Object value) {
        if (value == null) {
            add(null, field, PRESENCE, "Member must not be null");
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
            violations.add(new Violation(field, SIZE, "Value at '" + field + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + max));
        }
        return this;
    }

    public Violations range(String field, Long value, long min, long max) {
        if (value != null) {
            if (value < min) {
                add(value, field, SIZE, "Member must have value greater than or equal to " + min);
            } else if (value > max) {
                add(value, field, SIZE, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    public Violations range(String field, Integer value, long min, long max) {
        return range(field, value == null ? null : value.longValue(), min, max);
    }

    public Violations pattern(String field, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(value, field, FORM, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return this;
    }

    public Violations oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(value, field, FORM, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    /** Throws a ValidationException if any constraint failed. */
    public void raise() {
        if (violations.isEmpty()) {
            return;
        }
        java.util.Map<String, Integer> firstChecked = new java.util.HashMap<>();
        for (Violation violation : violations) {
            firstChecked.putIfAbsent(violation.field(), firstChecked.size() + (last.contains(violation.field()) ? violations.size() : 0));
        }
        List<String> messages = violations.stream()
                .sorted(Comparator.comparingInt((Violation v) -> firstChecked.get(v.field())).thenComparingInt(Violation::rank))
                .limit(MAX_REPORTED).map(Violation::message).toList();
        String head = messages.size() == 1
                ? "1 validation error detected: "
                : messages.size() + " validation errors detected: ";
        throw new AwsException(ErrorCode.VALIDATION, head + String.join("; ", messages));
    }

    private void lengthOf(String field, Object value, int length, int min, int max) {
        if (length < min) {
            add(value, field, SIZE, "Member must have length greater than or equal to " + min);
        } else if (length > max) {
            add(value, field, SIZE, "Member must have length less than or equal to " + max);
        }
    }

    private void add(Object value, String field, int rank, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        violations.add(new Violation(field, rank, "Value " + shown + " at '" + field + "' failed to satisfy constraint: " + constraint));
    }
}
