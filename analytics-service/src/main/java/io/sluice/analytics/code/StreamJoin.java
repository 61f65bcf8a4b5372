package io.sluice.analytics.code;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * A join of two in-application streams, as KDA's SQL Reference writes it: {@code FROM ORDERS OVER
 * (RANGE INTERVAL '1' MINUTE PRECEDING) AS o JOIN SHIPMENTS AS s ON o.id = s.id} — each row of the
 * side without a window meets the rows of the other side's window (those of the last minute up to
 * its own ROWTIME); without a window on either side, only rows of the same ROWTIME meet. The
 * result's ROWTIME is the later of the two, which is the side without a window's. In Flink SQL an
 * interval join over ROWTIME (whose state is dropped as the window passes). Outer joins and windows
 * on both sides or of rows are not supported.
 *
 * @param text the query with the {@code OVER (…)} after a stream's name blanked for the parser
 * @param windows each windowed stream's window (an interval literal), by the stream's name
 */
record StreamJoin(String text, Map<String, String> windows) {
    private static final String NAME = "(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern WINDOW = Pattern.compile("(?is)\\b(?:FROM|JOIN|,)\\s*" + NAME + "\\s+(OVER\\s*\\(\\s*(?:(RANGE\\s+INTERVAL\\s+'\\s*\\d+\\s*'"
            + "\\s+(?:SECOND|MINUTE|HOUR|DAY)S?)|(ROWS\\s+\\d+))\\s+PRECEDING\\s*\\))");

    /** The windows after streams' names in a FROM clause, blanked out of the query. */
    static StreamJoin find(String query, int line) {
        Matcher window = WINDOW.matcher(query);
        StringBuilder text = new StringBuilder(query);
        Map<String, String> windows = new HashMap<>();
        while (window.find()) {
            if (window.group(4) != null) {
                throw LegacySql.invalid(line + (int) query.substring(0, window.start()).chars().filter(c -> c == '\n').count(), 1,
                        "a join's window is RANGE INTERVAL … PRECEDING; windows of rows are not supported");
            }
            windows.put(LegacySql.name(window.group(1)), window.group(3).substring("RANGE".length()).trim());
            for (int i = window.start(2); i < window.end(2); i++) {
                if (text.charAt(i) != '\n') {
                    text.setCharAt(i, ' ');
                }
            }
        }
        return new StreamJoin(text.toString(), windows);
    }

    /** Whether the query has a window after a stream's name (so that its FROM clause is a stream join). */
    boolean any() {
        return !windows.isEmpty();
    }

    /** The pump's query: an interval join of the two streams, ROWTIME the side without a window's. */
    LegacyQuery translate(SqlSelect select, SqlJoin join, int line, Map<String, List<String>> streams, List<Step> before) {
        if (join.getJoinType() != JoinType.INNER || join.getConditionType() != JoinConditionType.ON) {
            throw LegacyQuery.at(line, join, "streams join with JOIN … ON (outer joins of streams are not supported)");
        }
        LegacyQuery.Named left = side(join.getLeft(), line);
        LegacyQuery.Named right = side(join.getRight(), line);
        String leftWindow = windows.get(left.name());
        String rightWindow = windows.get(right.name());
        if (leftWindow != null && rightWindow != null) {
            throw LegacyQuery.at(line, join, "one side of a join of streams has a window, not both");
        }
        LegacyQuery.Named current = leftWindow != null ? right : left;
        LegacyQuery.Named windowed = leftWindow != null ? left : right;
        String window = leftWindow != null ? leftWindow : rightWindow;
        String now = LegacySql.quote(current.alias()) + ".`ROWTIME`";
        String then = LegacySql.quote(windowed.alias()) + ".`ROWTIME`";
        List<String> names = new ArrayList<>();
        SqlShuttle rowtime = new CurrentRowtime(current.alias());
        List<String> items = LegacyQuery.namedItems(select, line, "of a join", e -> LegacyQuery.unparse(e.accept(rowtime)), names);
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items)).append(", ").append(now).append(" AS `ROWTIME` FROM ")
                .append(LegacySql.quote(left.name())).append(" AS ").append(LegacySql.quote(left.alias())).append(" JOIN ")
                .append(LegacySql.quote(right.name())).append(" AS ").append(LegacySql.quote(right.alias())).append(" ON (")
                .append(LegacyQuery.unparse(join.getCondition().accept(rowtime))).append(") AND ").append(then).append(" BETWEEN ").append(now)
                .append(window == null ? "" : " - " + window).append(" AND ").append(now);
        if (select.getWhere() != null) {
            sql.append(" WHERE ").append(LegacyQuery.unparse(select.getWhere().accept(rowtime)));
        }
        return new LegacyQuery(sql.toString(), names, before);
    }

    private static LegacyQuery.Named side(SqlNode node, int line) {
        LegacyQuery.Named side = LegacyQuery.named(node);
        if (side == null) {
            throw LegacyQuery.at(line, node, "a join of streams joins two in-application streams by name");
        }
        return side;
    }

    /** An unqualified ROWTIME is the result's: the side without a window's. */
    private static final class CurrentRowtime extends SqlShuttle {
        private final String alias;

        CurrentRowtime(String alias) {
            this.alias = alias;
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            return id.names.size() == 1 && id.names.get(0).equals("ROWTIME") ? new SqlIdentifier(List.of(alias, "ROWTIME"), id.getParserPosition())
                    : id;
        }
    }
}
