package io.sluice.firehose.conversion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** Parquet and ORC files read back with the formats' own readers, for tests. */
public final class ColumnarFiles {
    private ColumnarFiles() {
    }

    /** Every row of a Parquet file as its groups' string form (field → value), and the file's schema. */
    public static List<Group> parquetRows(Path file) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(g);
            }
        }
        return rows;
    }

    /** An ORC file's schema and rows, each row's columns rendered by the vectors' own stringify. */
    public static Map<String, Object> orc(Path file) throws IOException {
        Configuration conf = new Configuration(false);
        Reader reader = OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()),
                OrcFile.readerOptions(conf).filesystem(FileSystem.getLocal(conf).getRaw()));
        List<List<String>> rows = new ArrayList<>();
        try (RecordReader records = reader.rows()) {
            VectorizedRowBatch batch = reader.getSchema().createRowBatch();
            while (records.nextBatch(batch)) {
                for (int r = 0; r < batch.size; r++) {
                    List<String> row = new ArrayList<>();
                    for (int c = 0; c < batch.numCols; c++) {
                        StringBuilder out = new StringBuilder();
                        batch.cols[c].stringifyValue(out, r);
                        row.add(out.toString());
                    }
                    rows.add(row);
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("schema", reader.getSchema().toString());
        result.put("compression", reader.getCompressionKind().name());
        result.put("rows", rows);
        return result;
    }
}
