package io.sluice.analytics.code;

import java.util.List;

/**
 * One step of an application's job: a Flink SQL statement, or one of the stream operations that
 * KDA's dialect needs and Flink SQL has not (stagger windows). The engine runs them in order; a
 * step's views are there for the steps after it. Serializable: the stream steps travel into the
 * job with their functions.
 */
public sealed interface Step extends java.io.Serializable {

    /** A Flink SQL statement, with the line of the code it comes from (0 when it was translated). */
    record Sql(String sql, int line) implements Step {
        public Sql(String sql) {
            this(sql, 0);
        }
    }

    /**
     * Stagger windows: view {@code output} has the rows of view {@code input} (which has ROWTIME)
     * and the window each belongs to, {@code window_start} and {@code window_end}. A key's window
     * opens with its first row — at that row's ROWTIME — and holds its rows until
     * {@code rangeMillis} later; the key's next row opens its next window.
     *
     * @param keys the columns of {@code input} that the windows are kept by (the PARTITION BY)
     */
    record StaggerWindows(String input, String output, List<String> keys, long rangeMillis) implements Step {
        public StaggerWindows {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The final rows of windowed groups: view {@code input} is an updating aggregate with a
     * {@code window_end} column; view {@code output} has, for each group, its last row's
     * {@code columns}, once, when its window ends, with ROWTIME the window's last millisecond.
     *
     * @param keys the columns that tell the groups apart
     */
    record FinalRows(String input, String output, List<String> keys, List<String> columns) implements Step {
        public FinalRows {
            keys = List.copyOf(keys);
            columns = List.copyOf(columns);
        }
    }

    /**
     * RANDOM_CUT_FOREST: view {@code output} has the rows of view {@code input} with their anomaly
     * score ({@value #SCORE}) from a random cut forest over their numeric columns, each row scored
     * before the forest learns it (0 while it has learnt fewer than {@code sampleSize} rows), and —
     * for RANDOM_CUT_FOREST_WITH_EXPLANATION — each column's part in it ({@value #EXPLANATION}, JSON).
     *
     * @param timeDecay how many recent rows the forest mostly remembers (its decay is 1 / timeDecay)
     * @param directions whether the explanation says which way each column was out of the ordinary
     */
    record RandomCutForest(String input, String output, int trees, int sampleSize, int timeDecay, int shingleSize, boolean explained,
            boolean directions) implements Step {
        public static final String SCORE = "ANOMALY_SCORE";
        public static final String EXPLANATION = "ANOMALY_EXPLANATION";
    }

    /**
     * TOP_K_ITEMS_TUMBLING and COUNT_DISTINCT_ITEMS_TUMBLING: the values of {@code column} of view
     * {@code input} in tumbling windows of {@code seconds} over ROWTIME (aligned to the epoch);
     * view {@code output} has, when each window closes, its {@code k} most frequent values and
     * their counts ({@link #TOP_K_COLUMNS}; {@code k > 0}) or the number of distinct values
     * ({@link #DISTINCT_COLUMNS}; {@code k == 0}), with ROWTIME the window's last millisecond.
     */
    record TumblingItems(String input, String output, String column, int k, int seconds) implements Step {
        public static final List<String> TOP_K_COLUMNS = List.of("ITEM", "ITEM_COUNT");
        public static final List<String> DISTINCT_COLUMNS = List.of("NUMBER_OF_DISTINCT_ITEMS");
    }

    /**
     * {@code expr AS ROWTIME}: view {@code output} has the rows of view {@code input} with their
     * ROWTIME column as their time, which must only grow: the watermark follows the largest ROWTIME
     * seen, so that a row behind it is late and dropped by the windows downstream, as KDA kept
     * out-of-order rows out of its windows.
     */
    record Rowtime(String input, String output) implements Step {
    }

    /**
     * HOTSPOTS: view {@code output} has the rows of view {@code input} with {@value #RESULT}, JSON
     * of the hotspots among the last {@code windowSize} rows' numeric columns when each row came —
     * groups of at least {@code minPoints} points within {@code scanRadius} of one another
     * (DBSCAN), each with its density and its bounds.
     */
    record Hotspots(String input, String output, int windowSize, double scanRadius, int minPoints) implements Step {
        public static final String RESULT = "HOTSPOTS_RESULT";
    }
}
