package io.sluice.analytics.code;

import io.sluice.analytics.row.SqlType;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Kinesis Analytics' own SQL dialect, as KDA ran it, translated to Flink SQL over the
 * in-application input streams: {@code CREATE OR REPLACE STREAM} declares an in-application stream
 * (its columns, and ROWTIME); {@code CREATE OR REPLACE PUMP … AS INSERT INTO <stream> SELECT STREAM …}
 * feeds it. A stream that is an output is written out ({@code INSERT INTO <output>}); one that
 * pumps read is a view of the UNION ALL of the pumps into it, so streams chain. Each pump's query
 * is translated by {@link LegacyQuery}; the declared columns are taken by position and cast to
 * their types. Anything else is a CodeValidationException naming the statement's line (and, for
 * queries, the column).
 */
public final class LegacySql {
    private static final Pattern LEGACY = Pattern.compile("(?is).*\\b(CREATE\\s+OR\\s+REPLACE\\s+(STREAM|PUMP)|SELECT\\s+STREAM)\\b.*");
    private static final String NAME = "(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern STREAM = Pattern.compile("(?is)CREATE\\s+OR\\s+REPLACE\\s+STREAM\\s+" + NAME
            + "\\s*\\((.*)\\)\\s*(?:DESCRIPTION\\s+'(?:[^']|'')*')?");
    private static final Pattern PUMP = Pattern.compile("(?is)CREATE\\s+OR\\s+REPLACE\\s+PUMP\\s+" + NAME + "\\s+(?:STARTED\\s+)?AS\\s+"
            + "INSERT\\s+INTO\\s+" + NAME + "\\s*(?:\\(([^)]*)\\))?\\s*(SELECT\\b.*)");
    private static final Pattern COLUMN = Pattern.compile("(?is)\\s*" + NAME + "\\s+(.+?)\\s*");

    /** A declared column: its name (folded as SQL folds it) and its type. */
    record Column(String name, SqlType type) {
    }

    private LegacySql() {
    }

    /** Whether application code is in the legacy dialect (it declares streams or pumps, or selects a STREAM). */
    public static boolean isLegacy(String code) {
        return code != null && LEGACY.matcher(code).matches();
    }

    /**
     * Checks a legacy program as CreateApplication and UpdateApplication do, before its outputs
     * are all known: everything but which streams are written out.
     *
     * @throws AwsException CodeValidationException, naming where
     */
    public static void validate(String code, Map<String, List<String>> inputs) {
        translate(code, inputs, null, null);
    }

    /**
     * The steps of a legacy program's job: views for the streams pumps read (each after the views
     * it reads), and an {@code INSERT INTO <output>} per stream that is an output.
     *
     * @param inputs the in-application input streams ({@code SOURCE_SQL_STREAM_001}, …) with their column names
     * @param tables the application's reference tables (null: only check the program, whose joins may
     *     name tables not added yet)
     * @param outputs the application's output names (null: only check the program)
     * @throws AwsException CodeValidationException for a construct that is not supported, naming where it is
     */
    public static List<Step> translate(String code, Map<String, List<String>> inputs, Set<String> tables, Set<String> outputs) {
        Map<String, List<Column>> streams = new LinkedHashMap<>();
        Map<String, List<Pump>> feeds = new LinkedHashMap<>(); // translated pumps by target stream
        for (SqlStatements.Statement statement : SqlStatements.split(code)) {
            Matcher stream = STREAM.matcher(statement.text());
            Matcher pump = PUMP.matcher(statement.text());
            if (stream.matches()) {
                String name = name(stream.group(1));
                if (inputs.containsKey(name)) {
                    throw invalid(statement.line(), 1, "stream " + name + " is an input stream; it cannot be declared again");
                }
                streams.put(name, columns(stream.group(2), statement.line()));
            } else if (pump.matches()) {
                String target = name(pump.group(2));
                List<Column> columns = streams.get(target);
                if (columns == null) {
                    throw invalid(statement.line(), 1, "pump " + name(pump.group(1)) + " inserts into " + target
                            + ", which no CREATE OR REPLACE STREAM before it declares");
                }
                int selectAt = statement.text().indexOf(pump.group(4));
                int line = statement.line() + (int) statement.text().substring(0, selectAt).chars().filter(c -> c == '\n').count();
                Map<String, List<String>> known = known(inputs, streams, feeds);
                LegacyQuery query = LegacyQuery.translate(pump.group(4), line, known, tables, "$PUMP$" + name(pump.group(1)));
                List<Integer> positions = positions(pump.group(3), columns, target, statement.line());
                if (query.columns() != positions.size()) {
                    throw invalid(statement.line(), 1, "pump " + name(pump.group(1)) + " selects " + query.columns() + " columns into "
                            + positions.size() + " columns of " + target);
                }
                Set<String> reads = new java.util.HashSet<>(feeds.keySet());
                reads.removeIf(fed -> !mentions(pump.group(4), fed));
                feeds.computeIfAbsent(target, t -> new ArrayList<>()).add(new Pump(query.steps(), typed(query.sql(), columns, positions), reads,
                        statement.line()));
            } else {
                throw invalid(statement.line(), 1, "only CREATE OR REPLACE STREAM and CREATE OR REPLACE PUMP statements run in an application: "
                        + SqlStatements.abbreviate(statement.text()));
            }
        }
        List<Step> steps = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        for (String stream : feeds.keySet()) {
            emit(stream, feeds, streams, outputs, steps, done, new java.util.LinkedHashSet<>());
        }
        if (outputs != null && steps.stream().noneMatch(s -> s instanceof Step.Sql sql && sql.sql().startsWith("INSERT INTO"))) {
            throw invalid(1, 1, "no pump feeds a stream that is one of the application's outputs " + outputs);
        }
        return steps;
    }

    /** A translated pump: its own steps, its rows as the stream's, the in-application streams it reads. */
    private record Pump(List<Step> steps, String sql, Set<String> reads, int line) {
    }

    /** The view of {@code stream} after the views it reads, then its INSERT when it is an output. */
    private static void emit(String stream, Map<String, List<Pump>> feeds, Map<String, List<Column>> streams, Set<String> outputs,
            List<Step> steps, Set<String> done, Set<String> visiting) {
        if (done.contains(stream)) {
            return;
        }
        if (!visiting.add(stream)) {
            throw invalid(feeds.get(stream).get(0).line(), 1, "streams " + visiting + " feed each other in a cycle");
        }
        for (Pump pump : feeds.get(stream)) {
            for (String read : pump.reads()) {
                if (!read.equals(stream)) {
                    emit(read, feeds, streams, outputs, steps, done, visiting);
                }
            }
        }
        List<String> union = new ArrayList<>();
        for (Pump pump : feeds.get(stream)) {
            steps.addAll(pump.steps());
            union.add(pump.sql());
        }
        steps.add(new Step.Sql("CREATE TEMPORARY VIEW " + quote(stream) + " AS " + String.join(" UNION ALL ", union)));
        String output = outputs == null ? null : outputs.stream().filter(o -> o.equalsIgnoreCase(stream)).findFirst().orElse(null);
        if (output != null) {
            List<String> names = streams.get(stream).stream().map(c -> quote(c.name())).toList();
            steps.add(new Step.Sql("INSERT INTO " + quote(output) + " SELECT " + String.join(", ", names) + " FROM " + quote(stream)));
        }
        visiting.remove(stream);
        done.add(stream);
    }

    /** Whether a query names a stream (quoted as written, or unquoted in any case). */
    private static boolean mentions(String query, String stream) {
        return query.contains("\"" + stream + "\"") || Pattern.compile("(?i)(?<![A-Za-z0-9_$\"])" + Pattern.quote(stream) + "(?![A-Za-z0-9_$\"])")
                .matcher(query).find();
    }

    /** The streams a pump may read: the inputs, and the declared streams that pumps before it feed. */
    private static Map<String, List<String>> known(Map<String, List<String>> inputs, Map<String, List<Column>> streams,
            Map<String, List<Pump>> feeds) {
        Map<String, List<String>> known = new LinkedHashMap<>(inputs);
        feeds.keySet().forEach(s -> known.put(s, streams.get(s).stream().map(Column::name).toList()));
        return known;
    }

    /**
     * Which of the stream's columns a pump fills, in the order of its select items: those its
     * column list names (INSERT INTO s (a, c) …), else all of them.
     */
    private static List<Integer> positions(String list, List<Column> columns, String target, int line) {
        List<Integer> positions = new ArrayList<>();
        if (list == null || list.isBlank()) {
            for (int i = 0; i < columns.size(); i++) {
                positions.add(i);
            }
            return positions;
        }
        for (String written : splitTopLevel(list)) {
            String name = name(written.trim());
            int at = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    at = i;
                }
            }
            if (at < 0 || positions.contains(at)) {
                throw invalid(line, 1, at < 0 ? "stream " + target + " has no column " + name : "column " + name + " is listed twice");
            }
            positions.add(at);
        }
        return positions;
    }

    /**
     * A pump's query (select items {@code C1} …) as rows of the stream: each column the pump fills
     * cast to its type, the others NULL, named as the stream names them; ROWTIME kept.
     */
    private static String typed(String query, List<Column> columns, List<Integer> positions) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            int item = positions.indexOf(i);
            select.append("CAST(").append(item < 0 ? "NULL" : quote("C" + (item + 1))).append(" AS ").append(flinkType(columns.get(i).type()))
                    .append(") AS ").append(quote(columns.get(i).name())).append(", ");
        }
        select.append("`ROWTIME` FROM (").append(query).append(")");
        return select.toString();
    }

    private static String flinkType(SqlType type) {
        return switch (type.kind()) {
            case CHAR, VARCHAR -> "VARCHAR(" + Math.max(1, type.length()) + ")";
            case REAL -> "FLOAT";
            case DECIMAL -> "DECIMAL(" + type.length() + ", " + type.scale() + ")";
            case TIMESTAMP -> "TIMESTAMP(3)";
            case TIME -> "TIME(3)";
            case BINARY, VARBINARY -> "BYTES";
            default -> type.kind().name();
        };
    }

    private static List<Column> columns(String list, int line) {
        List<Column> columns = new ArrayList<>();
        for (String definition : splitTopLevel(list)) {
            Matcher column = COLUMN.matcher(definition);
            if (!column.matches()) {
                throw invalid(line, 1, "not a column definition: " + definition.trim());
            }
            try {
                columns.add(new Column(name(column.group(1)), SqlType.parse(column.group(2))));
            } catch (IllegalArgumentException e) {
                throw invalid(line, 1, "column " + name(column.group(1)) + " has type " + column.group(2).trim()
                        + ", which is not a SQL data type of Kinesis Analytics");
            }
        }
        return columns;
    }

    /** Splits at commas outside parentheses ({@code DECIMAL(5, 2)} stays whole). */
    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(list.substring(start));
        return parts;
    }

    /** A name as SQL folds it: quoted as written, unquoted in upper case. */
    static String name(String written) {
        return written.startsWith("\"") ? written.substring(1, written.length() - 1) : written.toUpperCase(Locale.ROOT);
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** The parser for the dialect: double-quoted identifiers, unquoted ones folded to upper case. */
    static SqlParser.Config parserConfig() {
        return SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.TO_UPPER)
                .withQuotedCasing(Casing.UNCHANGED).withConformance(SqlConformanceEnum.LENIENT);
    }

    static SqlSelect parseSelect(String sql, int line) {
        try {
            SqlNode node = SqlParser.create(sql, parserConfig()).parseQuery();
            if (node instanceof SqlSelect select) {
                return select;
            }
            throw invalid(line, 1, "a pump inserts the rows of one SELECT STREAM (ORDER BY, UNION and the like are not supported)");
        } catch (SqlParseException e) {
            int at = e.getPos() == null ? 1 : e.getPos().getLineNum();
            int column = e.getPos() == null ? 1 : e.getPos().getColumnNum();
            // Calcite's own place (relative to the query) is left out: the message names the code's.
            String why = e.getMessage().lines().findFirst().orElse("a syntax error").replaceAll(" at line \\d+, column \\d+", "");
            throw invalid(line + at - 1, column, why.endsWith(".") ? why.substring(0, why.length() - 1) : why);
        }
    }

    static AwsException invalid(int line, int column, String why) {
        return new AwsException(ErrorCode.CODE_VALIDATION, "Line " + line + ", column " + column + ": " + why + ".");
    }
}
