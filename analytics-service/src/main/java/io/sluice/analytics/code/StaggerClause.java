package io.sluice.analytics.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * KDA's stagger windows, {@code WINDOWED BY STAGGER (PARTITION BY k, … RANGE INTERVAL 'n' unit)}:
 * a key's window opens with its first row and closes {@code n unit} later, whatever comes; its
 * aggregate row is emitted then, with the window's end as ROWTIME. Not a Flink session window
 * (which a later row would extend). The clause is read as {@code GROUP BY k, …} for the parser;
 * the pump becomes: the rows with their keys computed, a stagger-window step that gives each row
 * its window, an aggregate per key and window, and a step that emits each window's final row when
 * it closes.
 *
 * @param text the query with the clause read as a GROUP BY (same length and lines, for positions)
 * @param rangeMillis how long each window stays open
 */
record StaggerClause(String text, long rangeMillis) {
    private static final Pattern START = Pattern.compile("(?is)\\bWINDOWED\\s+BY\\s+STAGGER\\s*\\(\\s*PARTITION\\s+BY\\b");
    private static final Pattern RANGE = Pattern.compile("(?is)\\bRANGE\\s+INTERVAL\\s+'\\s*(\\d+)\\s*'\\s+(SECOND|MINUTE|HOUR|DAY)S?\\s*$");

    /** The stagger clause of a query, null when it has none. @throws io.sluice.common.error.AwsException CodeValidationException for one that does not read */
    static StaggerClause find(String query, int line) {
        Matcher start = START.matcher(query);
        if (!start.find()) {
            return null;
        }
        int open = query.indexOf('(', start.start());
        int close = closing(query, open);
        if (close < 0) {
            throw LegacySql.invalid(line + lines(query, start.start()), 1, "WINDOWED BY STAGGER ( … ) is not closed");
        }
        String inside = query.substring(start.end(), close);
        int rangeAt = lastTopLevelRange(inside);
        Matcher range = rangeAt < 0 ? null : RANGE.matcher(inside.substring(rangeAt));
        if (range == null || !range.find()) {
            throw LegacySql.invalid(line + lines(query, start.start()), 1,
                    "a stagger window is WINDOWED BY STAGGER (PARTITION BY … RANGE INTERVAL 'n' SECOND|MINUTE|HOUR|DAY)");
        }
        long n = Long.parseLong(range.group(1));
        long unit = switch (range.group(2).toUpperCase(Locale.ROOT)) {
            case "SECOND" -> 1_000L;
            case "MINUTE" -> 60_000L;
            case "HOUR" -> 3_600_000L;
            default -> 86_400_000L;
        };
        if (n <= 0) {
            throw LegacySql.invalid(line + lines(query, start.start()), 1, "a stagger window's RANGE must be positive");
        }
        StringBuilder text = new StringBuilder(query);
        blank(text, start.start(), start.end());
        text.replace(start.start(), start.start() + "GROUP BY".length(), "GROUP BY");
        blank(text, start.end() + rangeAt, close + 1);
        return new StaggerClause(text.toString(), n * unit);
    }

    /**
     * The pump's steps (before its query) and its query over them.
     *
     * @param view a name no other pump's views have
     */
    LegacyQuery translate(SqlSelect select, String stream, String alias, String view, int line) {
        List<SqlNode> keys = select.getGroup().getList();
        List<String> keyColumns = new ArrayList<>();
        StringBuilder rows = new StringBuilder("SELECT ").append(LegacySql.quote(alias)).append(".*");
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) instanceof SqlCall call && call.getOperator().getName().equalsIgnoreCase("STEP")) {
                throw LegacyQuery.at(line, keys.get(i), "a stagger window's PARTITION BY takes columns and expressions, not another window");
            }
            keyColumns.add("$K" + (i + 1));
            rows.append(", ").append(LegacyQuery.unparse(keys.get(i))).append(" AS ").append(LegacySql.quote(keyColumns.get(i)));
        }
        rows.append(" FROM ").append(LegacySql.quote(stream)).append(" AS ").append(LegacySql.quote(alias));
        if (select.getWhere() != null) {
            rows.append(" WHERE ").append(LegacyQuery.unparse(select.getWhere()));
        }
        KeyReferences references = new KeyReferences(keys, keyColumns);
        List<String> names = new ArrayList<>();
        List<String> items = LegacyQuery.namedItems(select, line, "cannot be aggregated in a stagger window",
                e -> LegacyQuery.unparse(e.accept(references).accept(new LegacyQuery.RowtimeAsWindowEnd())), names);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add("C" + (i + 1));
        }
        List<String> groups = new ArrayList<>(keyColumns.stream().map(LegacySql::quote).toList());
        groups.add("`window_start`");
        groups.add("`window_end`");
        // The aggregate's per-window state is dropped once its window has long closed.
        StringBuilder aggregate = new StringBuilder("SELECT /*+ STATE_TTL(").append("'" + alias.replace("'", "''") + "'")
                .append(" = '").append(2 * rangeMillis + 60_000).append(" ms') */ ").append(String.join(", ", items)).append(", ")
                .append(String.join(", ", groups)).append(" FROM ").append(LegacySql.quote(view + "$STAGGERED")).append(" AS ")
                .append(LegacySql.quote(alias)).append(" GROUP BY ").append(String.join(", ", groups));
        if (select.getHaving() != null) {
            aggregate.append(" HAVING ").append(LegacyQuery.unparse(select.getHaving().accept(references).accept(new LegacyQuery.RowtimeAsWindowEnd())));
        }
        List<String> finalKeys = new ArrayList<>(keyColumns);
        finalKeys.add("window_start");
        List<Step> steps = List.of(
                new Step.Sql("CREATE TEMPORARY VIEW " + LegacySql.quote(view + "$ROWS") + " AS " + rows),
                new Step.StaggerWindows(view + "$ROWS", view + "$STAGGERED", keyColumns, rangeMillis),
                new Step.Sql("CREATE TEMPORARY VIEW " + LegacySql.quote(view + "$AGGREGATED") + " AS " + aggregate),
                new Step.FinalRows(view + "$AGGREGATED", view + "$WINDOWS", finalKeys, columns));
        String query = "SELECT " + String.join(", ", columns.stream().map(LegacySql::quote).toList()) + ", `ROWTIME` FROM "
                + LegacySql.quote(view + "$WINDOWS");
        return new LegacyQuery(query, names, steps);
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = text.indexOf('\'', i + 1);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lastTopLevelRange(String inside) {
        Matcher range = Pattern.compile("(?i)\\bRANGE\\b").matcher(inside);
        int at = -1;
        while (range.find()) {
            int depth = 0;
            for (int i = 0; i < range.start(); i++) {
                depth += inside.charAt(i) == '(' ? 1 : inside.charAt(i) == ')' ? -1 : 0;
            }
            if (depth == 0) {
                at = range.start();
            }
        }
        return at;
    }

    /** Spaces in place of everything but line breaks, so that positions after it stay where they were. */
    private static void blank(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
    }

    private static int lines(String text, int upTo) {
        return (int) text.substring(0, upTo).chars().filter(c -> c == '\n').count();
    }

    /** A partition key, wherever it appears in an item, is the key's column (which the aggregate groups by). */
    private static final class KeyReferences extends SqlShuttle {
        private final List<String> keys;
        private final List<String> columns;

        KeyReferences(List<SqlNode> keys, List<String> columns) {
            this.keys = keys.stream().map(SqlNode::toString).toList();
            this.columns = columns;
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            SqlNode key = key(id);
            return key != null ? key : id;
        }

        @Override
        public SqlNode visit(SqlCall call) {
            SqlNode key = key(call);
            return key != null ? key : super.visit(call);
        }

        private SqlNode key(SqlNode node) {
            int at = keys.indexOf(node.toString());
            return at < 0 ? null : new SqlIdentifier(columns.get(at), node.getParserPosition());
        }
    }
}
