package io.sluice.analytics.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

/**
 * A stream joined with a reference table ({@code FROM "SOURCE_SQL_STREAM_001" [LEFT] JOIN
 * "CompanyName" AS "c" ON … = "c"."Ticker"}): each row looks up the table's matching rows, as KDA
 * did, through a Flink lookup join at the time the row is processed — no state kept per stream
 * row, the table loaded from its S3 object when the job starts. The rows keep the stream's ROWTIME.
 */
final class ReferenceJoin {
    /** The processing-time column a lookup join needs on the stream's side. */
    private static final String PROCTIME = "$PROCTIME";

    private ReferenceJoin() {
    }

    /**
     * @param before the steps of the FROM clause's table function, if it has one
     * @param tables the reference tables (null: any name)
     */
    static LegacyQuery translate(SqlSelect select, SqlJoin join, int line, Map<String, List<String>> streams, Set<String> tables,
            List<Step> before) {
        if (join.getJoinType() != JoinType.INNER && join.getJoinType() != JoinType.LEFT) {
            throw LegacyQuery.at(line, join, "a stream joins a reference table with JOIN or LEFT JOIN, not " + join.getJoinType());
        }
        if (join.getConditionType() != JoinConditionType.ON) {
            throw LegacyQuery.at(line, join, "a join with a reference table needs its ON condition");
        }
        LegacyQuery.Named left = LegacyQuery.named(join.getLeft());
        LegacyQuery.Named right = LegacyQuery.named(join.getRight());
        if (left == null || !streams.containsKey(left.name())) {
            throw LegacyQuery.at(line, join.getLeft(), "the left side of a join is an input stream, or one that a pump before this one feeds");
        }
        if (right == null) {
            throw LegacyQuery.at(line, join.getRight(), "a stream joins a reference table or another stream by name");
        }
        if (tables != null && !tables.contains(right.name())) {
            throw LegacyQuery.at(line, join.getRight(), right.name() + " is not a reference table of the application");
        }
        List<String> names = new ArrayList<>();
        List<String> items = LegacyQuery.namedItems(select, line, "of a join", LegacyQuery::unparse, names);
        String stream = LegacySql.quote(left.alias());
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items)).append(", ").append(stream)
                .append(".`ROWTIME` AS `ROWTIME` FROM (SELECT *, PROCTIME() AS ").append(LegacySql.quote(PROCTIME)).append(" FROM ")
                .append(LegacySql.quote(left.name())).append(") AS ").append(stream)
                .append(join.getJoinType() == JoinType.LEFT ? " LEFT JOIN " : " JOIN ").append(LegacySql.quote(right.name()))
                .append(" FOR SYSTEM_TIME AS OF ").append(stream).append('.').append(LegacySql.quote(PROCTIME)).append(" AS ")
                .append(LegacySql.quote(right.alias())).append(" ON ").append(LegacyQuery.unparse(join.getCondition()));
        if (select.getWhere() != null) {
            sql.append(" WHERE ").append(LegacyQuery.unparse(select.getWhere()));
        }
        return new LegacyQuery(sql.toString(), names, before);
    }
}
