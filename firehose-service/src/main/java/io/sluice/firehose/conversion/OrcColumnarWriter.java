package io.sluice.firehose.conversion;

import io.sluice.firehose.schema.HiveType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;

/**
 * Rows written as ORC: the table's Hive types are ORC's own, filled a batch of 1,024 rows at a time
 * into column vectors. The file is written through Hadoop's raw local file system (no checksum
 * side files).
 */
final class OrcColumnarWriter implements ColumnarWriter {
    private final List<HiveType> types;
    private final Writer writer;
    private final VectorizedRowBatch batch;

    OrcColumnarWriter(Path file, JsonRows rows, DataFormatConversion conversion) throws IOException {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < rows.columns().size(); i++) {
            fields.add(rows.columns().get(i).name() + ":" + rows.types().get(i));
        }
        TypeDescription schema = TypeDescription.fromString("struct<" + String.join(",", fields) + ">");
        Configuration conf = new Configuration(false);
        OrcFile.WriterOptions options = OrcFile.writerOptions(conf)
                .setSchema(schema)
                .fileSystem(FileSystem.getLocal(conf).getRaw())
                .overwrite(true)
                .compress(switch (conversion.compression()) {
                    case "NONE" -> CompressionKind.NONE;
                    case "ZLIB" -> CompressionKind.ZLIB;
                    default -> CompressionKind.SNAPPY;
                })
                .stripeSize(conversion.stripeSizeBytes())
                .blockSize(conversion.blockSizeBytes())
                .rowIndexStride(conversion.rowIndexStride());
        if (!conversion.bloomFilterColumns().isEmpty()) {
            options.bloomFilterColumns(String.join(",", conversion.bloomFilterColumns()));
        }
        this.types = rows.types();
        this.writer = OrcFile.createWriter(new org.apache.hadoop.fs.Path(file.toUri()), options);
        this.batch = schema.createRowBatch();
    }

    @Override
    public void write(Object[] row) throws IOException {
        int r = batch.size++;
        for (int i = 0; i < row.length; i++) {
            set(batch.cols[i], r, types.get(i), row[i]);
        }
        if (batch.size == batch.getMaxSize()) {
            writer.addRowBatch(batch);
            batch.reset();
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(ColumnVector vector, int r, HiveType type, Object value) {
        if (value == null) {
            vector.noNulls = false;
            vector.isNull[r] = true;
            return;
        }
        vector.isNull[r] = false;
        switch (type.kind()) {
            case "boolean" -> ((LongColumnVector) vector).vector[r] = (Boolean) value ? 1 : 0;
            case "tinyint", "smallint", "int", "bigint" -> ((LongColumnVector) vector).vector[r] = (Long) value;
            case "date" -> ((LongColumnVector) vector).vector[r] = ((LocalDate) value).toEpochDay();
            case "float", "double" -> ((DoubleColumnVector) vector).vector[r] = (Double) value;
            case "string", "varchar", "char" -> ((BytesColumnVector) vector).setVal(r, ((String) value).getBytes(StandardCharsets.UTF_8));
            case "binary" -> ((BytesColumnVector) vector).setVal(r, (byte[]) value);
            case "timestamp" -> ((TimestampColumnVector) vector).set(r, Timestamp.from((Instant) value));
            case "decimal" -> ((DecimalColumnVector) vector).set(r, HiveDecimal.create((BigDecimal) value));
            case "array" -> {
                ListColumnVector list = (ListColumnVector) vector;
                List<Object> elements = (List<Object>) value;
                list.offsets[r] = list.childCount;
                list.lengths[r] = elements.size();
                list.childCount += elements.size();
                list.child.ensureSize(list.childCount, true);
                for (int i = 0; i < elements.size(); i++) {
                    set(list.child, (int) list.offsets[r] + i, type.elements().get(0), elements.get(i));
                }
            }
            case "map" -> {
                MapColumnVector map = (MapColumnVector) vector;
                Map<Object, Object> entries = (Map<Object, Object>) value;
                map.offsets[r] = map.childCount;
                map.lengths[r] = entries.size();
                map.childCount += entries.size();
                map.keys.ensureSize(map.childCount, true);
                map.values.ensureSize(map.childCount, true);
                int i = (int) map.offsets[r];
                for (Map.Entry<Object, Object> e : entries.entrySet()) {
                    set(map.keys, i, type.elements().get(0), e.getKey());
                    set(map.values, i, type.elements().get(1), e.getValue());
                    i++;
                }
            }
            case "struct" -> {
                StructColumnVector struct = (StructColumnVector) vector;
                Object[] values = (Object[]) value;
                int i = 0;
                for (HiveType field : type.fields().values()) {
                    set(struct.fields[i], r, field, values[i]);
                    i++;
                }
            }
            default -> throw new IllegalArgumentException("No ORC value for " + type);
        }
    }

    @Override
    public void close() throws IOException {
        if (batch.size > 0) {
            writer.addRowBatch(batch);
            batch.reset();
        }
        writer.close();
    }
}
