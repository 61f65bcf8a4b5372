package io.sluice.analytics.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The narrowest SQL type that holds every value seen of one column: whole numbers in TINYINT,
 * SMALLINT, INTEGER or BIGINT, other numbers REAL, true and false BOOLEAN, anything else (or a mix)
 * VARCHAR of the next power of two at least 4 above the longest value.
 */
final class ColumnType {
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    private static final Pattern BOOLEAN = Pattern.compile("(?i)true|false");

    private enum Kind { NONE, BOOLEAN, WHOLE, FRACTION, TEXT }

    private Kind kind = Kind.NONE;
    private BigInteger min;
    private BigInteger max;
    private int longest;

    static boolean isNumber(String text) {
        return NUMBER.matcher(text.trim()).matches();
    }

    /** A JSON value: its JSON type decides, text being text however it reads. */
    void see(JsonNode value) {
        if (value.isNull()) {
            return;
        }
        String text = value.isTextual() ? value.textValue() : value.toString();
        longest = Math.max(longest, text.length());
        if (value.isIntegralNumber()) {
            whole(value.bigIntegerValue());
        } else if (value.isNumber()) {
            widen(Kind.FRACTION);
        } else if (value.isBoolean()) {
            widen(Kind.BOOLEAN);
        } else {
            kind = Kind.TEXT;
        }
    }

    /** A CSV field: numbers and booleans are read from the text. */
    void seeText(String field) {
        String text = field.trim();
        longest = Math.max(longest, field.length());
        if (text.isEmpty()) {
            return;
        }
        if (isNumber(text)) {
            if (text.matches("-?\\d+")) {
                whole(new BigInteger(text));
            } else {
                widen(Kind.FRACTION);
            }
        } else if (BOOLEAN.matcher(text).matches()) {
            widen(Kind.BOOLEAN);
        } else {
            kind = Kind.TEXT;
        }
    }

    private void whole(BigInteger value) {
        min = min == null || value.compareTo(min) < 0 ? value : min;
        max = max == null || value.compareTo(max) > 0 ? value : max;
        widen(Kind.WHOLE);
    }

    private void widen(Kind seen) {
        if (kind == Kind.NONE || kind == seen) {
            kind = seen;
        } else if ((kind == Kind.WHOLE && seen == Kind.FRACTION) || (kind == Kind.FRACTION && seen == Kind.WHOLE)) {
            kind = Kind.FRACTION;
        } else {
            kind = Kind.TEXT;
        }
    }

    boolean numeric() {
        return kind == Kind.WHOLE || kind == Kind.FRACTION;
    }

    String sqlType() {
        switch (kind) {
            case BOOLEAN:
                return "BOOLEAN";
            case FRACTION:
                return "REAL";
            case WHOLE:
                if (fits(Byte.MIN_VALUE, Byte.MAX_VALUE)) {
                    return "TINYINT";
                }
                if (fits(Short.MIN_VALUE, Short.MAX_VALUE)) {
                    return "SMALLINT";
                }
                if (fits(Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                    return "INTEGER";
                }
                return fits(Long.MIN_VALUE, Long.MAX_VALUE) ? "BIGINT" : "VARCHAR(" + length() + ")";
            default:
                return "VARCHAR(" + length() + ")";
        }
    }

    /** A value as the column reads it, null when it cannot (a header's name under a number column, say). */
    String read(String text) {
        String trimmed = text.trim();
        switch (kind) {
            case WHOLE:
            case FRACTION:
                return isNumber(trimmed) ? trimmed : null;
            case BOOLEAN:
                return BOOLEAN.matcher(trimmed).matches() ? trimmed.toLowerCase(java.util.Locale.ROOT) : null;
            default:
                return text;
        }
    }

    private boolean fits(long low, long high) {
        return min.compareTo(BigInteger.valueOf(low)) >= 0 && max.compareTo(BigInteger.valueOf(high)) <= 0;
    }

    private int length() {
        int length = 4;
        while (length < longest) {
            length *= 2;
        }
        return length;
    }
}
