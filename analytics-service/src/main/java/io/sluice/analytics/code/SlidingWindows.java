package io.sluice.analytics.code;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Sliding windows: an aggregate OVER a window — named in the WINDOW clause or written inline,
 * {@code RANGE INTERVAL … PRECEDING} or {@code ROWS n PRECEDING} — ordered by ROWTIME and
 * ending at the current row, in the explicit frame Flink takes; one output row per input row.
 */
final class SlidingWindows extends SqlShuttle {
    private final java.util.Map<String, SqlWindow> named = new java.util.HashMap<>();
    private final int line;

    SlidingWindows(SqlNodeList windows, int line) {
        this.line = line;
        if (windows != null) {
            for (SqlNode window : windows) {
                SqlWindow w = (SqlWindow) window;
                named.put(w.getDeclName().getSimple(), w);
            }
        }
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call.getKind() != SqlKind.OVER) {
            return super.visit(call);
        }
        SqlNode aggregate = call.operand(0).accept(this);
        SqlNode spec = call.operand(1);
        SqlWindow window = spec instanceof SqlIdentifier id ? named.get(id.getSimple()) : spec instanceof SqlWindow w ? w : null;
        if (window == null) {
            throw LegacyQuery.at(line, spec, "window " + spec + " is not declared in the WINDOW clause");
        }
        SqlParserPos pos = window.getParserPosition();
        SqlNodeList order = window.getOrderList() == null || window.getOrderList().isEmpty()
                ? new SqlNodeList(List.of(new SqlIdentifier("ROWTIME", pos)), pos) : window.getOrderList();
        SqlNode upper = window.getUpperBound() == null ? SqlWindow.createCurrentRow(pos) : window.getUpperBound();
        boolean offset = aggregate instanceof SqlCall function && List.of("LAG", "LEAD").contains(function.getOperator().getName().toUpperCase(
                java.util.Locale.ROOT));
        // LAG takes no frame in Flink: the n-th row back in the partition's order, whatever the window's size.
        SqlWindow framed = offset ? SqlWindow.create(null, null, window.getPartitionList(), order, null, null, null, null, pos)
                : SqlWindow.create(null, null, window.getPartitionList(), order,
                        org.apache.calcite.sql.SqlLiteral.createBoolean(window.isRows(), pos), window.getLowerBound(), upper, null, pos);
        return SqlStdOperatorTable.OVER.createCall(call.getParserPosition(), aggregate, framed);
    }
}
