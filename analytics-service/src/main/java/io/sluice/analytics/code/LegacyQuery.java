package io.sluice.analytics.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * One pump's {@code SELECT STREAM} in Flink SQL. Its rows keep their ROWTIME; a GROUP BY with a
 * time bucket — {@code STEP(ROWTIME BY INTERVAL 'n' unit)}, {@code FLOOR(ROWTIME TO unit)} or
 * {@code FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / n TO SECOND)}, all aligned to
 * the epoch — becomes a tumbling window over ROWTIME (Flink would run the GROUP BY as an unbounded
 * aggregate), the bucket's value its start, and the rows' ROWTIME the window's time. Aggregates
 * OVER a window are sliding windows over ROWTIME. Its select items are named {@code C1} … for the
 * stream it feeds.
 *
 * A {@code WINDOWED BY STAGGER} clause makes stagger windows ({@link StaggerClause}).
 *
 * A table function of KDA's in the FROM clause ({@code TABLE(RANDOM_CUT_FOREST(CURSOR(…)))}) is a
 * stream step over its cursor's rows ({@link TableFunctions}).
 *
 * @param sql the query in Flink SQL
 * @param names the names of the columns it selects (ROWTIME aside), as a cursor over it shows them
 * @param steps what must run before the query (its views)
 */
record LegacyQuery(String sql, List<String> names, List<Step> steps) {
    private static final SqlDialect FLINK = new SqlDialect(SqlDialect.EMPTY_CONTEXT.withIdentifierQuoteString("`"));
    private static final Pattern STEP = Pattern.compile("(?i)\\bSTEP\\s*\\(");

    LegacyQuery {
        names = List.copyOf(names);
        steps = List.copyOf(steps);
    }

    /** How many columns it selects (ROWTIME aside). */
    int columns() {
        return names.size();
    }

    /** @param view a name for the views of the pump's own steps, which no other pump's have */
    /** @param tables the reference tables a pump may join (null: any name, their sources not being known yet) */
    static LegacyQuery translate(String text, int line, Map<String, List<String>> streams, Set<String> tables, String view) {
        StaggerClause stagger = StaggerClause.find(text, line);
        StreamJoin joins = StreamJoin.find(stagger == null ? text : stagger.text(), line);
        SqlSelect select = LegacySql.parseSelect(stepAsCall(joins.text()), line);
        return translate(select, stagger, joins, line, streams, tables, view);
    }

    /** A parsed SELECT STREAM (a pump's, or a cursor's). */
    static LegacyQuery translate(SqlSelect select, StaggerClause stagger, StreamJoin joins, int line, Map<String, List<String>> streams,
            Set<String> tables, String view) {
        SqlNodeList keywords = select.getModifierNode(SqlSelectKeyword.STREAM) == null ? null : (SqlNodeList) select.getOperandList().get(0);
        if (keywords == null) {
            throw LegacySql.invalid(line, 1, "a pump selects a STREAM (SELECT STREAM …)");
        }
        SqlNode from = select.getFrom();
        TableFunctions.Applied function = TableFunctions.apply(from, line, streams, tables, view);
        if (function == null) {
            function = subquery(from, line, streams, tables, view);
        }
        if (function != null) {
            streams = function.streams();
            from = function.from();
        }
        if (from instanceof SqlJoin join) {
            if (stagger != null || select.getGroup() != null) {
                throw at(line, join, "a pump that joins does not aggregate: aggregate the joined rows in a pump that reads its stream");
            }
            List<Step> before = function == null ? List.of() : function.steps();
            if (joins.any() || isStream(join.getRight(), streams)) {
                return joins.translate(select, join, line, streams, before);
            }
            return ReferenceJoin.translate(select, join, line, streams, tables, before);
        }
        SqlIdentifier source = from instanceof SqlIdentifier id ? id
                : from instanceof SqlBasicCall as && as.getKind() == SqlKind.AS && as.operand(0) instanceof SqlIdentifier id ? id : null;
        if (source == null) {
            throw at(line, from, "a pump reads one in-application stream (joins are not supported yet)");
        }
        String stream = source.names.get(source.names.size() - 1);
        if (!streams.containsKey(stream)) {
            throw at(line, source, "stream " + stream + " is not an input stream, nor one that a pump before this one feeds");
        }
        String alias = from instanceof SqlBasicCall as ? ((SqlIdentifier) as.operand(1)).getSimple() : stream;
        List<Step> before = function == null ? List.of() : function.steps();
        if (stagger != null) {
            LegacyQuery staggered = stagger.translate(select, stream, alias, view, line);
            return new LegacyQuery(staggered.sql(), staggered.names(), concat(before, staggered.steps()));
        }

        SqlNode bucket = null;
        String size = null;
        List<SqlNode> keys = new ArrayList<>();
        if (select.getGroup() != null) {
            for (SqlNode key : select.getGroup()) {
                String window = windowSize(key, line);
                if (window != null) {
                    if (bucket != null) {
                        throw at(line, key, "a GROUP BY has one time bucket (STEP or FLOOR of ROWTIME)");
                    }
                    bucket = key;
                    size = window;
                } else {
                    keys.add(key);
                }
            }
            if (bucket == null) {
                throw at(line, select.getGroup(), "a GROUP BY needs a window: STEP(ROWTIME BY INTERVAL …) or FLOOR(ROWTIME TO …); "
                        + "without one it would never emit");
            }
        }
        if (size != null && size.startsWith(CalendarWindows.MARK)) {
            LegacyQuery calendar = CalendarWindows.translate(select, stream, alias, bucket, size.substring(CalendarWindows.MARK.length()), keys,
                    view, line);
            return new LegacyQuery(calendar.sql(), calendar.names(), concat(before, calendar.steps()));
        }
        String bucketText = bucket == null ? null : bucket.toString();
        List<String> items = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String rowtime = null;
        int n = 0;
        for (SqlNode item : select.getSelectList()) {
            SqlNode expression = item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS ? as.operand(0) : item;
            if (expression instanceof SqlIdentifier id && id.isStar()) {
                if (bucket != null) {
                    throw at(line, item, "SELECT STREAM * cannot be grouped: name the columns");
                }
                for (String column : streams.get(stream)) {
                    items.add(LegacySql.quote(alias) + "." + LegacySql.quote(column) + " AS `C" + (++n) + "`");
                    names.add(column);
                }
                continue;
            }
            if (bucket == null && item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS
                    && ((SqlIdentifier) as.operand(1)).getSimple().equals("ROWTIME")) {
                if (rowtime != null) {
                    throw at(line, item, "a pump sets ROWTIME once");
                }
                rowtime = "CAST(" + unparse(expression) + " AS TIMESTAMP(3))"; // expr AS ROWTIME: the rows' time from now on
                continue;
            }
            names.add(name(item, n));
            String sql = bucket != null && (expression.toString().equals(bucketText) || windowSize(expression, line) != null) ? "`window_start`"
                    : unparse(bucket == null ? expression.accept(new SlidingWindows(select.getWindowList(), line))
                            : expression.accept(new RowtimeAsWindowEnd()));
            items.add(sql + " AS `C" + (++n) + "`");
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items)).append(", ")
                .append(rowtime != null ? rowtime : bucket == null ? LegacySql.quote(alias) + ".`ROWTIME`" : "`window_time`")
                .append(" AS `ROWTIME` FROM ");
        if (bucket == null) {
            sql.append(LegacySql.quote(stream)).append(" AS ").append(LegacySql.quote(alias));
        } else {
            sql.append("TABLE(TUMBLE(TABLE ").append(LegacySql.quote(stream)).append(", DESCRIPTOR(`ROWTIME`), ").append(size).append(")) AS ")
                    .append(LegacySql.quote(alias));
        }
        if (select.getWhere() != null) {
            sql.append(" WHERE ").append(unparse(select.getWhere()));
        }
        if (bucket != null) {
            List<String> groups = new ArrayList<>(keys.stream().map(LegacyQuery::unparse).toList());
            groups.add("`window_start`");
            groups.add("`window_end`");
            groups.add("`window_time`");
            sql.append(" GROUP BY ").append(String.join(", ", groups));
        }
        if (select.getHaving() != null) {
            sql.append(" HAVING ").append(unparse(select.getHaving()));
        }
        if (rowtime != null) {
            // The new ROWTIME is a value; a step makes it the rows' time again, for the windows downstream.
            List<Step> steps = new ArrayList<>(new LegacyQuery(sql.toString(), names, before).asView(view + "$RETIMED", names));
            steps.add(new Step.Rowtime(view + "$RETIMED", view + "$ROWTIME"));
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                columns.add(LegacySql.quote(names.get(i)) + " AS `C" + (i + 1) + "`");
            }
            return new LegacyQuery("SELECT " + String.join(", ", columns) + ", `ROWTIME` FROM " + LegacySql.quote(view + "$ROWTIME"), names,
                    steps);
        }
        return new LegacyQuery(sql.toString(), names, before);
    }

    /**
     * The steps of a query that is run as a view: its own steps, then the view of its rows, its
     * columns named as given, with ROWTIME.
     */
    List<Step> asView(String view, List<String> columnNames) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < columnNames.size(); i++) {
            items.add("`C" + (i + 1) + "` AS " + LegacySql.quote(columnNames.get(i)));
        }
        List<Step> all = new ArrayList<>(steps);
        all.add(new Step.Sql("CREATE TEMPORARY VIEW " + LegacySql.quote(view) + " AS SELECT " + String.join(", ", items)
                + ", `ROWTIME` FROM (" + sql + ")"));
        return all;
    }

    /**
     * A SELECT STREAM in the FROM clause ({@code FROM (SELECT STREAM W3C_LOG_PARSE(…) FROM …) AS l(r)}),
     * as KDA's examples read log parsers' rows: a view of its own, read as a stream by its alias
     * with the columns the alias names (else the subquery's). Null when the FROM clause has none.
     */
    private static TableFunctions.Applied subquery(SqlNode from, int line, Map<String, List<String>> streams, Set<String> tables, String view) {
        if (!(from instanceof SqlBasicCall as) || as.getKind() != SqlKind.AS || !(as.operand(0) instanceof SqlSelect inner)) {
            if (from instanceof SqlSelect) {
                throw at(line, from, "a SELECT in the FROM clause needs an alias");
            }
            return null;
        }
        LegacyQuery rows = translate(inner, null, new StreamJoin(inner.toString(), Map.of()), line, streams, tables, view + "$FROM");
        List<String> names = rows.names();
        if (as.operandCount() > 2) {
            names = as.getOperandList().subList(2, as.operandCount()).stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
            if (names.size() != rows.columns()) {
                throw at(line, as, "the alias names " + names.size() + " columns of a SELECT of " + rows.columns());
            }
        }
        String output = view + "$FROM_ROWS";
        Map<String, List<String>> readable = new java.util.LinkedHashMap<>(streams);
        readable.put(output, names);
        SqlIdentifier stream = new SqlIdentifier(output, from.getParserPosition());
        return new TableFunctions.Applied(SqlStdOperatorTable.AS.createCall(from.getParserPosition(), stream, as.operand(1)), readable,
                rows.asView(output, names));
    }

    private static boolean isStream(SqlNode node, Map<String, List<String>> streams) {
        SqlNode table = node instanceof SqlBasicCall as && as.getKind() == SqlKind.AS ? as.operand(0) : node;
        return table instanceof SqlIdentifier id && streams.containsKey(id.names.get(id.names.size() - 1));
    }

    /**
     * A query's select items in Flink SQL, each translated and named {@code C1} …; their names (as
     * a cursor over the query shows them) are added to {@code names}.
     *
     * @param star why {@code SELECT STREAM *} cannot be taken here ("of a join", …)
     */
    static List<String> namedItems(SqlSelect select, int line, String star, java.util.function.Function<SqlNode, String> translate,
            List<String> names) {
        List<String> items = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            SqlNode expression = item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS ? as.operand(0) : item;
            if (expression instanceof SqlIdentifier id && id.isStar()) {
                throw at(line, item, "SELECT STREAM * " + star + ": name the columns");
            }
            names.add(name(item, names.size()));
            items.add(translate.apply(expression) + " AS `C" + names.size() + "`");
        }
        return items;
    }

    /** A stream or table of a FROM clause: its name, and the alias the query calls it by (its name when it has none). */
    record Named(String name, String alias) {
    }

    /** The name and alias of {@code name} or {@code name AS alias}, null for anything else. */
    static Named named(SqlNode node) {
        if (node instanceof SqlIdentifier id) {
            String name = id.names.get(id.names.size() - 1);
            return new Named(name, name);
        }
        if (node instanceof SqlBasicCall as && as.getKind() == SqlKind.AS && as.operand(0) instanceof SqlIdentifier id) {
            return new Named(id.names.get(id.names.size() - 1), ((SqlIdentifier) as.operand(1)).getSimple());
        }
        return null;
    }

    /** The name a select item's column has: its alias, the column it is, else {@code EXPR$<n>}. */
    static String name(SqlNode item, int index) {
        if (item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS) {
            return ((SqlIdentifier) as.operand(1)).getSimple();
        }
        return item instanceof SqlIdentifier id ? id.names.get(id.names.size() - 1) : "EXPR$" + index;
    }

    static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * The tumbling window a time bucket stands for ({@code INTERVAL '10' SECOND}), null when the
     * expression is not one.
     */
    private static String windowSize(SqlNode node, int line) {
        if (!(node instanceof SqlCall call)) {
            return null;
        }
        String operator = call.getOperator().getName();
        if (operator.equalsIgnoreCase("STEP") && call.operandCount() == 2 && call.operand(1) instanceof SqlIntervalLiteral interval) {
            return unparse(interval);
        }
        if (call.getKind() == SqlKind.FLOOR && call.operandCount() == 2 && call.operand(1) instanceof SqlIntervalQualifier qualifier
                && readsRowtime(call.operand(0))) {
            String unit = qualifier.timeUnitRange.startUnit.name();
            if (List.of("MONTH", "QUARTER", "YEAR").contains(unit) && !(call.operand(0) instanceof SqlCall)) {
                return CalendarWindows.MARK + unit;
            }
            if (List.of("MONTH", "YEAR", "QUARTER", "WEEK", "DECADE", "CENTURY", "MILLENNIUM").contains(unit)) {
                throw at(line, node, "windows of calendar " + unit.toLowerCase(java.util.Locale.ROOT) + "s are not supported");
            }
            SqlNode of = call.operand(0);
            if (of instanceof SqlCall divide && divide.getKind() == SqlKind.DIVIDE && divide.operand(1) instanceof SqlNumericLiteral count) {
                return "INTERVAL '" + count.toValue() + "' " + unit; // FLOOR((ROWTIME - epoch) SECOND / n TO SECOND)
            }
            return "INTERVAL '1' " + unit;
        }
        return null;
    }

    /** Whether ROWTIME is in the expression (FLOOR of an event-time column is an ordinary grouping key, not a window). */
    private static boolean readsRowtime(SqlNode node) {
        boolean[] found = {false};
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                found[0] |= id.names.get(id.names.size() - 1).equals("ROWTIME");
                return id;
            }
        });
        return found[0];
    }

    /** STEP(x BY INTERVAL …) as the call STEP(x, INTERVAL …), which the parser takes. */
    static String stepAsCall(String text) {
        StringBuilder out = new StringBuilder(text);
        Matcher step = STEP.matcher(text);
        int shift = 0;
        while (step.find()) {
            int depth = 0;
            for (int i = step.end() - 1; i < text.length(); i++) {
                char c = text.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
                if (depth == 1 && (i + 4 <= text.length()) && text.regionMatches(true, i, " BY ", 0, 4)) {
                    out.replace(i + shift, i + shift + 4, ", ");
                    shift -= 2;
                    break;
                }
            }
        }
        return out.toString();
    }

    static String unparse(SqlNode node) {
        return node.accept(NILADIC).toSqlString(FLINK).getSql();
    }

    /** KDA's functions written without parentheses (CURRENT_ROW_TIMESTAMP) as the calls Flink takes. */
    private static final SqlShuttle NILADIC = new SqlShuttle() {
        @Override
        public SqlNode visit(SqlIdentifier id) {
            if (id.isSimple() && id.getSimple().equals("CURRENT_ROW_TIMESTAMP")) {
                return new org.apache.calcite.sql.SqlUnresolvedFunction(id, null, null, null, null,
                        org.apache.calcite.sql.SqlFunctionCategory.USER_DEFINED_FUNCTION).createCall(id.getParserPosition());
            }
            return id;
        }
    };

    static io.sluice.common.error.AwsException at(int line, SqlNode node, String why) {
        SqlParserPos pos = node == null ? SqlParserPos.ZERO : node.getParserPosition();
        return LegacySql.invalid(line + Math.max(pos.getLineNum(), 1) - 1, Math.max(pos.getColumnNum(), 1), why);
    }

    /** In a windowed query, ROWTIME is the window's end (as KDA gives the aggregate row). */
    static final class RowtimeAsWindowEnd extends SqlShuttle {
        @Override
        public SqlNode visit(SqlIdentifier id) {
            String last = id.names.get(id.names.size() - 1);
            return last.equals("ROWTIME") ? new SqlIdentifier("window_end", id.getParserPosition()) : id;
        }
    }
}
