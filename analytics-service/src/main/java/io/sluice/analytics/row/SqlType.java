package io.sluice.analytics.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's SQL type as Kinesis Analytics declares it ({@code VARCHAR(16)}, {@code DECIMAL(5,2)},
 * {@code TIMESTAMP}, …) and how a source value becomes a value of it: JSON numbers and numeric
 * text for the number types, {@code true}/{@code false} for BOOLEAN, text for the character types
 * (cut to their length), {@code yyyy-MM-dd HH:mm:ss[.fff]} (or with a {@code T}) for TIMESTAMP,
 * base64 for BINARY. A value that does not convert is a {@link ConversionException}: KDA sends
 * that record to {@code error_stream}.
 *
 * @param kind the type's name without its length or precision
 * @param length a character or binary type's length, a DECIMAL's precision; 0 when it has none
 * @param scale a DECIMAL's scale
 */
public record SqlType(Kind kind, int length, int scale) implements java.io.Serializable {
    private static final Pattern DECLARED = Pattern.compile("(?i)\\s*([A-Z]+(?:\\s+(?:VARYING|PRECISION))?)\\s*"
            + "(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");
    /** SQL's form and ISO's, fractions of up to nanoseconds. */
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME).optionalStart().appendOffsetId().optionalEnd().toFormatter(Locale.ROOT);
    /** How TIMESTAMP values are written out: {@code yyyy-MM-dd HH:mm:ss.SSS}. */
    static final DateTimeFormatter WRITTEN = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.MILLI_OF_SECOND, 3, 3, true).toFormatter(Locale.ROOT);

    public enum Kind { CHAR, VARCHAR, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, BOOLEAN, TIMESTAMP, DATE, TIME, BINARY, VARBINARY }

    /** A value that does not fit its column's type. */
    public static final class ConversionException extends Exception {
        private static final long serialVersionUID = 1L;

        ConversionException(String message) {
            super(message, null, false, false);
        }
    }

    /** @throws IllegalArgumentException for a name that is not a SQL type of Kinesis Analytics */
    public static SqlType parse(String declared) {
        Matcher m = DECLARED.matcher(declared);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a SQL type: " + declared);
        }
        String name = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        int length = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        Kind kind = switch (name) {
            case "CHAR", "CHARACTER" -> Kind.CHAR;
            case "VARCHAR", "CHARACTER VARYING", "CHAR VARYING" -> Kind.VARCHAR;
            case "INT", "INTEGER" -> Kind.INTEGER;
            case "DEC", "DECIMAL", "NUMERIC" -> Kind.DECIMAL;
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT" -> Kind.DOUBLE;
            default -> {
                try {
                    yield Kind.valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Not a SQL type: " + declared, e);
                }
            }
        };
        if (kind == Kind.DECIMAL && length == 0) {
            length = 19; // KDA's DECIMAL: up to 19 significant digits
        }
        return new SqlType(kind, length, scale);
    }

    /** A JSON value (null or missing is SQL NULL). */
    public Object fromJson(JsonNode value) throws ConversionException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isContainerNode()) {
            return switch (kind) {
                case CHAR, VARCHAR -> text(value.toString());
                default -> throw new ConversionException("A JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " is not a " + this);
            };
        }
        return fromText(value.isTextual() ? value.textValue() : value.asText());
    }

    /** A text value (a CSV field, a JSON scalar's text); empty is NULL for all but the character types. */
    public Object fromText(String value) throws ConversionException {
        if (value == null) {
            return null;
        }
        if (kind == Kind.CHAR || kind == Kind.VARCHAR) {
            return text(value);
        }
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return switch (kind) {
                case TINYINT -> Byte.valueOf(text);
                case SMALLINT -> Short.valueOf(text);
                case INTEGER -> Integer.valueOf(text);
                case BIGINT -> Long.valueOf(text);
                case REAL -> Float.valueOf(text);
                case DOUBLE -> Double.valueOf(text);
                case DECIMAL -> decimal(new BigDecimal(text));
                case BOOLEAN -> bool(text);
                case TIMESTAMP -> LocalDateTime.parse(text, TIMESTAMP);
                case DATE -> LocalDate.parse(text);
                case TIME -> LocalTime.parse(text);
                case BINARY, VARBINARY -> Base64.getDecoder().decode(text);
                default -> throw new IllegalStateException(kind.name());
            };
        } catch (RuntimeException e) {
            throw new ConversionException("'" + abbreviate(text) + "' is not a " + this);
        }
    }

    /** A value as text in a CSV output record (TIMESTAMP as {@code yyyy-MM-dd HH:mm:ss.SSS}), null for NULL. */
    public static String toText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime time) {
            return WRITTEN.format(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private String text(String value) {
        if (length > 0 && value.length() > length) {
            return value.substring(0, length);
        }
        return value;
    }

    private BigDecimal decimal(BigDecimal value) throws ConversionException {
        BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() > length) {
            throw new ConversionException(value.toPlainString() + " has more than " + length + " digits for " + this);
        }
        return scaled;
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException(text);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> kind + "(" + length + ")";
            case DECIMAL -> "DECIMAL(" + length + "," + scale + ")";
            default -> kind.name();
        };
    }
}
