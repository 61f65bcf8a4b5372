package io.sluice.analytics.functions;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.types.Row;

/**
 * KDA's string functions that Flink has not: REGEX_REPLACE with KDA's start position and
 * occurrence, and the log parsers REGEX_LOG_PARSE and W3C_LOG_PARSE, which return a row of
 * {@code COLUMN1} … {@code COLUMNn} (one per group or format specifier) that a query reads as
 * {@code (REGEX_LOG_PARSE(line, '…')).COLUMN1}; NULL when the line does not match.
 */
public final class TextFunctions {
    /** W3C_LOG_PARSE's predefined formats (Apache's specifiers; headers in square brackets, as KDA writes them). */
    static final Map<String, String> W3C_FORMATS = Map.of(
            "COMMON", "%h %l %u %t \"%r\" %>s %b",
            "COMMON WITH VHOST", "%v %h %l %u %t \"%r\" %>s %b",
            "NCSA EXTENDED", "%h %l %u %t \"%r\" %>s %b \"%[Referer]i\" \"%[User-agent]i\"",
            "REFERER", "%[Referer]i ---> %U",
            "AGENT", "%[User-agent]i");
    private static final Pattern SPECIFIER = Pattern.compile("%[<>]?(?:\\[[^\\]]*\\]|\\{[^}]*\\})?[a-zA-Z]");

    private TextFunctions() {
    }

    /** A row type of {@code COLUMN1} … {@code COLUMNn} of text. */
    static DataType columns(int n) {
        DataTypes.Field[] fields = new DataTypes.Field[n];
        for (int i = 0; i < n; i++) {
            fields[i] = DataTypes.FIELD("COLUMN" + (i + 1), DataTypes.STRING());
        }
        return DataTypes.ROW(fields).bridgedTo(Row.class);
    }

    /** A compiled pattern from a small cache (patterns may come from a column), null for one that does not compile. */
    static Pattern compiled(Map<String, Pattern> cache, String regex, java.util.function.Function<String, Pattern> compile) {
        Pattern pattern = cache.get(regex);
        if (pattern == null) {
            try {
                pattern = compile.apply(regex);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (cache.size() > 1000) {
                cache.clear();
            }
            cache.put(regex, pattern);
        }
        return pattern;
    }

    /** The groups of a match as a row, NULL for no match. */
    static Row groups(Pattern pattern, String text) {
        if (text == null || pattern == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        Row row = Row.withPositions(matcher.groupCount());
        for (int i = 0; i < matcher.groupCount(); i++) {
            row.setField(i, matcher.group(i + 1));
        }
        return row;
    }

    /** The regular expression of a W3C (Apache) log format: each specifier a group, the rest as written. */
    static Pattern w3c(String format) {
        String specifiers = W3C_FORMATS.getOrDefault(format.toUpperCase(Locale.ROOT), format);
        StringBuilder regex = new StringBuilder();
        Matcher specifier = SPECIFIER.matcher(specifiers);
        int at = 0;
        while (specifier.find()) {
            regex.append(Pattern.quote(specifiers.substring(at, specifier.start())));
            boolean quoted = specifier.start() > 0 && specifiers.charAt(specifier.start() - 1) == '"';
            boolean time = specifier.group().endsWith("t");
            regex.append(time ? "(\\[[^\\]]*\\])" : quoted ? "([^\"]*)" : "(\\S*)");
            at = specifier.end();
        }
        regex.append(Pattern.quote(specifiers.substring(at)));
        return Pattern.compile(regex.toString());
    }

    /** The number of groups of a pattern given as the call's literal argument. */
    private static TypeInference rowOf(java.util.function.Function<String, Pattern> compile, String function) {
        return TypeInference.newBuilder()
                .typedArguments(DataTypes.STRING(), DataTypes.STRING())
                .outputTypeStrategy(call -> {
                    Optional<String> pattern = call.getArgumentValue(1, String.class);
                    if (pattern.isEmpty()) {
                        throw call.newValidationError(function + " takes its pattern as a literal string");
                    }
                    return Optional.of(columns(compile.apply(pattern.get()).matcher("").groupCount()));
                })
                .build();
    }

    /** REGEX_LOG_PARSE(line, regex): a row of the groups of a Java regular expression that matches the whole line. */
    public static final class RegexLogParse extends ScalarFunction {
        private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

        public Row eval(String text, String regex) {
            return regex == null ? null : groups(compiled(patterns, regex, Pattern::compile), text);
        }

        @Override
        public TypeInference getTypeInference(DataTypeFactory typeFactory) {
            return rowOf(Pattern::compile, "REGEX_LOG_PARSE");
        }
    }

    /** W3C_LOG_PARSE(line, format): a row of a web server log line's fields, by a predefined format's name or Apache specifiers. */
    public static final class W3cLogParse extends ScalarFunction {
        private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

        public Row eval(String text, String format) {
            return format == null ? null : groups(compiled(patterns, format, TextFunctions::w3c), text);
        }

        @Override
        public TypeInference getTypeInference(DataTypeFactory typeFactory) {
            return rowOf(TextFunctions::w3c, "W3C_LOG_PARSE");
        }
    }

    /**
     * REGEX_REPLACE(original, regex, replacement, startPosition, occurrence): from the 1-based
     * start position, every match replaced (occurrence 0) or only the n-th; Java's replacement
     * syntax ({@code $1}). NULL for a NULL argument, a start below 1 or a negative occurrence (which
     * KDA reported on error_stream), a regex that does not compile and a replacement that names no group.
     */
    public static final class RegexReplace extends ScalarFunction {
        private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

        public String eval(String original, String regex, String replacement, Integer start, Integer occurrence) {
            if (original == null || regex == null || replacement == null || start == null || occurrence == null || start < 1 || occurrence < 0) {
                return null;
            }
            if (start > original.length()) {
                return original;
            }
            Pattern pattern = compiled(patterns, regex, Pattern::compile);
            if (pattern == null) {
                return null;
            }
            Matcher matcher = pattern.matcher(original);
            matcher.region(start - 1, original.length());
            StringBuilder out = new StringBuilder();
            int found = 0;
            try {
                while (matcher.find()) {
                    found++;
                    if (occurrence == 0 || found == occurrence) {
                        matcher.appendReplacement(out, replacement); // the text before the match (skipped matches too), then the replacement
                        if (occurrence != 0) {
                            break;
                        }
                    }
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                return null; // a replacement naming a group the regex has not ($3), or a lone $ or \
            }
            return matcher.appendTail(out).toString();
        }
    }
}
