package io.sluice.firehose.conversion;

import java.io.IOException;
import java.nio.file.Path;

/** A Parquet or ORC file being written, a row at a time. */
public interface ColumnarWriter extends AutoCloseable {

    void write(Object[] row) throws IOException;

    @Override
    void close() throws IOException;

    /** A writer of the format {@code conversion} names, for rows as {@code rows} reads them. */
    static ColumnarWriter open(Path file, JsonRows rows, DataFormatConversion conversion) throws IOException {
        return conversion.parquet() ? new ParquetColumnarWriter(file, rows, conversion) : new OrcColumnarWriter(file, rows, conversion);
    }
}
