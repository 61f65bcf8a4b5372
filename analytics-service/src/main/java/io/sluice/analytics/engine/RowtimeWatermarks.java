package io.sluice.analytics.engine;

import java.time.LocalDateTime;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Row;

/**
 * Watermarks for ROWTIME, the time rows enter the application: no row is ever late (a reader's
 * ROWTIME only grows), and time moves on without rows too — each periodic watermark is the clock
 * less a millisecond — so that a window closes when its time is up, whether or not a later row
 * comes, as KDA's windows do.
 */
final class RowtimeWatermarks implements WatermarkStrategy<Row> {
    private static final long serialVersionUID = 1L;

    private final int rowtimeField;

    RowtimeWatermarks(int rowtimeField) {
        this.rowtimeField = rowtimeField;
    }

    @Override
    public TimestampAssigner<Row> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return new TimestampAssigner<>() {
            private LocalDateTime last;
            private long lastMillis;

            @Override
            public long extractTimestamp(Row row, long previous) {
                LocalDateTime rowtime = (LocalDateTime) row.getField(rowtimeField);
                if (rowtime != last) { // the rows of a millisecond share one ROWTIME object
                    last = rowtime;
                    lastMillis = io.sluice.analytics.functions.TimeFunctions.millis(rowtime);
                }
                return lastMillis;
            }
        };
    }

    @Override
    public WatermarkGenerator<Row> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new WatermarkGenerator<>() {
            private long emitted = Long.MIN_VALUE;

            @Override
            public void onEvent(Row row, long timestamp, WatermarkOutput output) {
                // Rows carry the time they entered; the periodic watermark follows the clock.
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                long now = System.currentTimeMillis() - 1;
                if (now > emitted) {
                    emitted = now;
                    output.emitWatermark(new Watermark(now));
                }
            }
        };
    }
}
