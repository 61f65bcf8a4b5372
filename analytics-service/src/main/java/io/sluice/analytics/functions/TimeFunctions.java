package io.sluice.analytics.functions;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * KDA's date and time functions that Flink has not (or has with other semantics): Unix times are
 * milliseconds, formats are Java's SimpleDateFormat patterns, every time is UTC. One class per
 * function, as Flink registers them.
 */
public final class TimeFunctions {
    private TimeFunctions() {
    }

    /** A TIMESTAMP (UTC, as ROWTIME is) in epoch milliseconds. */
    public static long millis(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Epoch milliseconds as a TIMESTAMP (UTC). */
    public static LocalDateTime time(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    /** A time in a pattern, NULL for a pattern that is not one (a job does not fail on a row). */
    static String print(String pattern, long millis) {
        try {
            return format(pattern).format(new Date(millis));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** A pattern's format in UTC, on the proleptic Gregorian calendar (as java.time counts, year 9 included). */
    static SimpleDateFormat format(String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, java.util.Locale.ROOT);
        java.util.GregorianCalendar calendar = new java.util.GregorianCalendar(TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
        calendar.setGregorianChange(new Date(Long.MIN_VALUE));
        format.setCalendar(calendar);
        return format;
    }

    /** The time a text holds, read by a pattern from its start (what follows is ignored, as KDA's examples show); null when it does not read. */
    static Long parse(String pattern, String text) {
        if (pattern == null || text == null) {
            return null;
        }
        try {
            SimpleDateFormat format = format(pattern);
            format.setLenient(false);
            Date date = format.parse(text, new ParsePosition(0));
            return date == null ? null : date.getTime();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** TSDIFF(startTime, endTime): endTime − startTime in milliseconds (Unix milliseconds or timestamps), NULL if either is. */
    public static final class Tsdiff extends ScalarFunction {
        public Long eval(Long start, Long end) {
            return start == null || end == null ? null : end - start;
        }

        public Long eval(@DataTypeHint("TIMESTAMP(3)") LocalDateTime start, @DataTypeHint("TIMESTAMP(3)") LocalDateTime end) {
            return start == null || end == null ? null : millis(end) - millis(start);
        }
    }

    /** UNIX_TIMESTAMP(ts): milliseconds since the epoch (Flink's counts seconds). */
    public static final class UnixTimestamp extends ScalarFunction {
        public Long eval(@DataTypeHint("TIMESTAMP(3)") LocalDateTime time) {
            return time == null ? null : millis(time);
        }
    }

    /** TO_TIMESTAMP(unixMillis): the timestamp of milliseconds since the epoch. */
    public static final class ToTimestamp extends ScalarFunction {
        public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(Long millis) {
            return millis == null ? null : time(millis);
        }
    }

    /** CURRENT_ROW_TIMESTAMP: the time each row is computed, UTC. */
    public static final class CurrentRowTimestamp extends ScalarFunction {
        public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval() {
            return time(System.currentTimeMillis());
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }

    /** CHAR_TO_TIMESTAMP(format, text): NULL for text the format does not read (KDA returned no row). */
    public static final class CharToTimestamp extends ScalarFunction {
        public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(String pattern, String text) {
            Long millis = parse(pattern, text);
            return millis == null ? null : time(millis);
        }
    }

    /** CHAR_TO_DATE(format, text). */
    public static final class CharToDate extends ScalarFunction {
        public LocalDate eval(String pattern, String text) {
            Long millis = parse(pattern, text);
            return millis == null ? null : time(millis).toLocalDate();
        }
    }

    /** CHAR_TO_TIME(format, text). */
    public static final class CharToTime extends ScalarFunction {
        public @DataTypeHint("TIME(0)") LocalTime eval(String pattern, String text) {
            Long millis = parse(pattern, text);
            return millis == null ? null : time(millis).toLocalTime().withNano(0);
        }
    }

    /** TIMESTAMP_TO_CHAR(format, ts): the text "null" for a NULL timestamp, as KDA gave it. */
    public static final class TimestampToChar extends ScalarFunction {
        public String eval(String pattern, @DataTypeHint("TIMESTAMP(3)") LocalDateTime time) {
            return time == null ? "null" : print(pattern, millis(time));
        }
    }

    /** DATE_TO_CHAR(format, d). */
    public static final class DateToChar extends ScalarFunction {
        public String eval(String pattern, LocalDate date) {
            return date == null ? null : print(pattern, millis(date.atStartOfDay()));
        }
    }

    /** TIME_TO_CHAR(format, t). */
    public static final class TimeToChar extends ScalarFunction {
        public String eval(String pattern, @DataTypeHint("TIME(0)") LocalTime time) {
            return time == null ? null : print(pattern, millis(LocalDate.EPOCH.atTime(time)));
        }
    }
}
