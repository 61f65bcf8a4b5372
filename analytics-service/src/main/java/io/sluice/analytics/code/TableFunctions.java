package io.sluice.analytics.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * KDA's table functions over a stream, in a FROM clause:
 * {@code TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM …), numberOfTrees, subSampleSize, timeDecay, shingleSize))},
 * {@code RANDOM_CUT_FOREST_WITH_EXPLANATION(…, withDirectionality)},
 * {@code TOP_K_ITEMS_TUMBLING(CURSOR(…), 'column', K, windowSize)} and
 * {@code COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(…), 'column', windowSize)} and
 * {@code HOTSPOTS(CURSOR(…), windowSize, scanRadius, minimumNumberOfPointsInAHotspot)}, with KDA's
 * defaults and ranges. The cursor's query is
 * translated like a pump's; its rows, named as it names them, go through a stream step, whose
 * output — the cursor's columns and the function's — the query then reads as a stream.
 */
final class TableFunctions {

    /**
     * A table function made into steps.
     *
     * @param from the stream (with the FROM clause's alias) that the query reads instead
     * @param streams the streams the query may read, the function's output among them
     */
    record Applied(SqlNode from, Map<String, List<String>> streams, List<Step> steps) {
    }

    private TableFunctions() {
    }

    /** The steps of a table function in the FROM clause, null when the FROM clause has none. */
    static Applied apply(SqlNode from, int line, Map<String, List<String>> streams, java.util.Set<String> tables, String view) {
        SqlNode table = from;
        SqlIdentifier alias = null;
        if (from instanceof SqlBasicCall as && as.getKind() == SqlKind.AS) {
            table = as.operand(0);
            alias = as.operand(1);
        }
        if (!(table instanceof SqlCall collection) || collection.getKind() != SqlKind.COLLECTION_TABLE
                || !(collection.operand(0) instanceof SqlCall function)) {
            return null;
        }
        String name = function.getOperator().getName().toUpperCase(Locale.ROOT);
        int maxArguments = switch (name) {
            case "RANDOM_CUT_FOREST" -> 5;
            case "RANDOM_CUT_FOREST_WITH_EXPLANATION" -> 6;
            case "TOP_K_ITEMS_TUMBLING" -> 4;
            case "COUNT_DISTINCT_ITEMS_TUMBLING" -> 3;
            case "HOTSPOTS" -> 4;
            default -> throw LegacyQuery.at(line, function, "the table function " + name + " is not supported");
        };
        List<SqlNode> arguments = function.getOperandList();
        if (arguments.isEmpty() || !(arguments.get(0) instanceof SqlCall cursor) || cursor.getKind() != SqlKind.CURSOR
                || !(cursor.operand(0) instanceof SqlSelect select)) {
            throw LegacyQuery.at(line, function, name + " reads a CURSOR(SELECT STREAM …)");
        }
        if (arguments.size() > maxArguments) {
            throw LegacyQuery.at(line, function, name + " takes at most " + maxArguments + " arguments");
        }
        LegacyQuery rows = LegacyQuery.translate(select, null, new StreamJoin(select.toString(), Map.of()), line, streams, tables,
                view + "$CURSOR");
        String cursorView = view + "$CURSOR_ROWS";
        String output = view + "$" + name;
        List<Step> steps = rows.asView(cursorView, rows.names());
        List<String> columns = new ArrayList<>();
        if (name.startsWith("RANDOM_CUT_FOREST")) {
            Step.RandomCutForest forest = forest(name, arguments, function, cursorView, output, line);
            steps.add(forest);
            columns.addAll(rows.names());
            columns.add(Step.RandomCutForest.SCORE);
            if (forest.explained()) {
                columns.add(Step.RandomCutForest.EXPLANATION);
            }
        } else if (name.equals("HOTSPOTS")) {
            if (arguments.size() < maxArguments) {
                throw LegacyQuery.at(line, function, "HOTSPOTS takes a cursor, windowSize, scanRadius and minimumNumberOfPointsInAHotspot");
            }
            int windowSize = integer(arguments, 1, 0, 100, 1000, "windowSize", line);
            if (!(arguments.get(2) instanceof SqlNumericLiteral radius) || radius.bigDecimalValue().signum() <= 0) {
                throw LegacyQuery.at(line, arguments.get(2), "scanRadius is a number above 0");
            }
            int minPoints = integer(arguments, 3, 0, 2, windowSize, "minimumNumberOfPointsInAHotspot", line);
            steps.add(new Step.Hotspots(cursorView, output, windowSize, radius.bigDecimalValue().doubleValue(), minPoints));
            columns.addAll(rows.names());
            columns.add(Step.Hotspots.RESULT);
        } else {
            boolean topK = name.equals("TOP_K_ITEMS_TUMBLING");
            if (arguments.size() < maxArguments) {
                throw LegacyQuery.at(line, function, name + " takes " + maxArguments + " arguments");
            }
            String column = column(arguments.get(1), rows.names(), name, line);
            int k = topK ? integer(arguments, 2, 0, 1, 100_000, "K", line) : 0;
            int seconds = integer(arguments, topK ? 3 : 2, 0, 1, 3600, "windowSize", line);
            steps.add(new Step.TumblingItems(cursorView, output, column, k, seconds));
            columns.addAll(topK ? Step.TumblingItems.TOP_K_COLUMNS : Step.TumblingItems.DISTINCT_COLUMNS);
        }
        Map<String, List<String>> readable = new LinkedHashMap<>(streams);
        readable.put(output, columns);
        SqlIdentifier stream = new SqlIdentifier(output, table.getParserPosition());
        SqlNode source = alias == null ? stream : SqlStdOperatorTable.AS.createCall(from.getParserPosition(), stream, alias);
        return new Applied(source, readable, steps);
    }

    private static Step.RandomCutForest forest(String name, List<SqlNode> arguments, SqlCall function, String input, String output, int line) {
        int trees = integer(arguments, 1, 100, 1, 1000, "numberOfTrees", line);
        int sampleSize = integer(arguments, 2, 256, 10, 1000, "subSampleSize", line);
        int timeDecay = integer(arguments, 3, 100_000, 1, Integer.MAX_VALUE, "timeDecay", line);
        int shingleSize = integer(arguments, 4, 1, 1, 30, "shingleSize", line);
        if (sampleSize >= timeDecay) {
            throw LegacyQuery.at(line, function, "subSampleSize must be less than timeDecay");
        }
        boolean directions = false;
        if (arguments.size() > 5) {
            if (!(arguments.get(5) instanceof SqlLiteral literal) || !(literal.getValue() instanceof Boolean value)) {
                throw LegacyQuery.at(line, arguments.get(5), "withDirectionality is TRUE or FALSE");
            }
            directions = value;
        }
        return new Step.RandomCutForest(input, output, trees, sampleSize, timeDecay, shingleSize, name.endsWith("_WITH_EXPLANATION"),
                directions);
    }

    /** The cursor's column a function names in a string ('TICKER_SYMBOL'), as written or in any case. */
    private static String column(SqlNode argument, List<String> names, String function, int line) {
        if (!(argument instanceof SqlLiteral literal) || !(literal.getValue() instanceof org.apache.calcite.util.NlsString text)) {
            throw LegacyQuery.at(line, argument, function + " names its column in a string ('COLUMN_NAME')");
        }
        String written = text.getValue();
        return names.stream().filter(written::equals).findFirst()
                .or(() -> names.stream().filter(written::equalsIgnoreCase).findFirst())
                .orElseThrow(() -> LegacyQuery.at(line, argument, "the cursor of " + function + " has no column " + written));
    }

    private static int integer(List<SqlNode> arguments, int at, int fallback, int min, int max, String name, int line) {
        if (arguments.size() <= at) {
            return fallback;
        }
        if (!(arguments.get(at) instanceof SqlNumericLiteral number) || number.bigDecimalValue().stripTrailingZeros().scale() > 0) {
            throw LegacyQuery.at(line, arguments.get(at), name + " is a whole number");
        }
        java.math.BigDecimal exact = number.bigDecimalValue();
        if (exact.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || exact.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw LegacyQuery.at(line, arguments.get(at), name + " must be between " + min + " and " + max);
        }
        return exact.intValueExact();
    }
}
