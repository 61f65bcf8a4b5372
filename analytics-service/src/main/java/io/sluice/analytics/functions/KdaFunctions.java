package io.sluice.analytics.functions;

import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * The functions of KDA's SQL Reference that Flink has not, or has with other semantics, under
 * KDA's names: registered for applications in the legacy dialect only (a Flink SQL application
 * keeps Flink's own UNIX_TIMESTAMP and TO_TIMESTAMP). Standard functions (UPPER, SUBSTRING,
 * POSITION, CHAR_LENGTH, TRIM, INITCAP, OVERLAY, FLOOR, EXTRACT, CURRENT_TIMESTAMP, …) are Flink's.
 */
public final class KdaFunctions {
    static final Map<String, Class<? extends UserDefinedFunction>> FUNCTIONS = Map.ofEntries(
            Map.entry("TSDIFF", TimeFunctions.Tsdiff.class),
            Map.entry("UNIX_TIMESTAMP", TimeFunctions.UnixTimestamp.class),
            Map.entry("TO_TIMESTAMP", TimeFunctions.ToTimestamp.class),
            Map.entry("CURRENT_ROW_TIMESTAMP", TimeFunctions.CurrentRowTimestamp.class),
            Map.entry("CHAR_TO_TIMESTAMP", TimeFunctions.CharToTimestamp.class),
            Map.entry("CHAR_TO_DATE", TimeFunctions.CharToDate.class),
            Map.entry("CHAR_TO_TIME", TimeFunctions.CharToTime.class),
            Map.entry("TIMESTAMP_TO_CHAR", TimeFunctions.TimestampToChar.class),
            Map.entry("DATE_TO_CHAR", TimeFunctions.DateToChar.class),
            Map.entry("TIME_TO_CHAR", TimeFunctions.TimeToChar.class),
            Map.entry("REGEX_REPLACE", TextFunctions.RegexReplace.class),
            Map.entry("REGEX_LOG_PARSE", TextFunctions.RegexLogParse.class),
            Map.entry("W3C_LOG_PARSE", TextFunctions.W3cLogParse.class));

    private KdaFunctions() {
    }

    /** Registers every function as a temporary system function, before Flink's built-ins of the same name. */
    public static void register(TableEnvironment tables) {
        FUNCTIONS.forEach(tables::createTemporarySystemFunction);
    }
}
