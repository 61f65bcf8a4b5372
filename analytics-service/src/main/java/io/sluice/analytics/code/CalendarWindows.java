package io.sluice.analytics.code;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

/**
 * Tumbling windows of calendar months, quarters and years ({@code GROUP BY …, FLOOR(ROWTIME TO
 * MONTH)}), which Flink's TUMBLE cannot make (its windows have a fixed length): each row gets its
 * window's start and end from the calendar, the rows are aggregated per key and window, and each
 * window's final row is emitted when it ends, with ROWTIME its last millisecond — as the other
 * tumbling windows do.
 */
final class CalendarWindows {
    /** How {@link LegacyQuery} marks a calendar bucket's size. */
    static final String MARK = "CALENDAR ";

    private CalendarWindows() {
    }

    /** @param unit MONTH, QUARTER or YEAR */
    static LegacyQuery translate(SqlSelect select, String stream, String alias, SqlNode bucket, String unit, List<SqlNode> keys, String view,
            int line) {
        String length = switch (unit) {
            case "QUARTER" -> "INTERVAL '3' MONTH";
            case "YEAR" -> "INTERVAL '1' YEAR";
            default -> "INTERVAL '1' MONTH";
        };
        String quoted = LegacySql.quote(alias);
        StringBuilder rows = new StringBuilder("SELECT ").append(quoted).append(".*, FLOOR(").append(quoted).append(".`ROWTIME` TO ")
                .append(unit).append(") AS `window_start`, FLOOR(").append(quoted).append(".`ROWTIME` TO ").append(unit).append(") + ")
                .append(length).append(" AS `window_end` FROM ").append(LegacySql.quote(stream)).append(" AS ").append(quoted);
        if (select.getWhere() != null) {
            rows.append(" WHERE ").append(LegacyQuery.unparse(select.getWhere()));
        }
        List<String> groups = new ArrayList<>();
        List<String> keyColumns = new ArrayList<>();
        List<String> keyItems = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            groups.add(LegacyQuery.unparse(keys.get(i)));
            keyColumns.add("$K" + (i + 1));
            keyItems.add(LegacyQuery.unparse(keys.get(i)) + " AS " + LegacySql.quote(keyColumns.get(i)));
        }
        groups.add("`window_start`");
        groups.add("`window_end`");
        String bucketText = bucket.toString();
        List<String> names = new ArrayList<>();
        List<String> items = LegacyQuery.namedItems(select, line, "cannot be grouped", e -> e.toString().equals(bucketText) ? "`window_start`"
                : LegacyQuery.unparse(e.accept(new LegacyQuery.RowtimeAsWindowEnd())), names);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add("C" + (i + 1));
        }
        List<String> outputs = new ArrayList<>(items);
        outputs.addAll(keyItems);
        outputs.add("`window_start`");
        outputs.add("`window_end`");
        // A group's state is dropped once its window has long been emitted (by then no row of it can come).
        String ttl = switch (unit) {
            case "QUARTER" -> "200 d";
            case "YEAR" -> "750 d";
            default -> "70 d";
        };
        StringBuilder aggregate = new StringBuilder("SELECT /*+ STATE_TTL('" + alias.replace("'", "''") + "' = '" + ttl + "') */ ")
                .append(String.join(", ", outputs)).append(" FROM ")
                .append(LegacySql.quote(view + "$CALENDAR")).append(" AS ").append(quoted).append(" GROUP BY ").append(String.join(", ", groups));
        if (select.getHaving() != null) {
            aggregate.append(" HAVING ").append(LegacyQuery.unparse(select.getHaving()));
        }
        List<String> finalKeys = new ArrayList<>(keyColumns);
        finalKeys.add("window_start");
        List<Step> steps = List.of(
                new Step.Sql("CREATE TEMPORARY VIEW " + LegacySql.quote(view + "$CALENDAR") + " AS " + rows),
                new Step.Sql("CREATE TEMPORARY VIEW " + LegacySql.quote(view + "$AGGREGATED") + " AS " + aggregate),
                new Step.FinalRows(view + "$AGGREGATED", view + "$WINDOWS", finalKeys, columns));
        String query = "SELECT " + String.join(", ", columns.stream().map(LegacySql::quote).toList()) + ", `ROWTIME` FROM "
                + LegacySql.quote(view + "$WINDOWS");
        return new LegacyQuery(query, names, steps);
    }
}
