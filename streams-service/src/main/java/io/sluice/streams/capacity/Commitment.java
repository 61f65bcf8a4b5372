package io.sluice.streams.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * An account's minimum throughput billing commitment as DescribeAccountSettings reports it. A
 * commitment lasts at least 24 hours: disabling it earlier schedules its end at the earliest allowed
 * time (ENABLED_UNTIL_EARLIEST_ALLOWED_END), and enabling it again before then cancels that.
 */
public record Commitment(
        @JsonProperty("Status") String status,
        @JsonProperty("StartedAt") Instant startedAt,
        @JsonProperty("EndedAt") Instant endedAt,
        @JsonProperty("EarliestAllowedEndAt") Instant earliestAllowedEndAt) {

    static final String ENABLED = "ENABLED";
    static final String DISABLED = "DISABLED";
    static final String ENDING = "ENABLED_UNTIL_EARLIEST_ALLOWED_END";
    /** The shortest commitment. */
    static final Duration MINIMUM = Duration.ofHours(24);

    /** An account that never committed. */
    static final Commitment NONE = new Commitment(DISABLED, null, null, null);

    /** The commitment as it stands at {@code now}: a scheduled end that has come is an end. */
    Commitment at(Instant now) {
        return status.equals(ENDING) && !now.isBefore(earliestAllowedEndAt)
                ? new Commitment(DISABLED, startedAt, earliestAllowedEndAt, earliestAllowedEndAt)
                : this;
    }

    /** Whether on-demand streams of the account may have warm throughput. */
    boolean active() {
        return !status.equals(DISABLED);
    }

    /** The commitment after an UpdateAccountSettings asking for {@code wanted} (ENABLED or DISABLED) at {@code now}. */
    Commitment updated(String wanted, Instant now) {
        Commitment current = at(now);
        if (wanted.equals(ENABLED)) {
            return switch (current.status) {
                case ENABLED -> current;
                case ENDING -> new Commitment(ENABLED, current.startedAt, null, current.earliestAllowedEndAt);
                default -> new Commitment(ENABLED, now, null, now.plus(MINIMUM));
            };
        }
        if (current.status.equals(DISABLED)) {
            return current;
        }
        return now.isBefore(current.earliestAllowedEndAt)
                ? new Commitment(ENDING, current.startedAt, null, current.earliestAllowedEndAt)
                : new Commitment(DISABLED, current.startedAt, now, current.earliestAllowedEndAt);
    }
}
