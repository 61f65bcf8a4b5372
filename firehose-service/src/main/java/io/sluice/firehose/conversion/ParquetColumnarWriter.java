package io.sluice.firehose.conversion;

import io.sluice.firehose.schema.HiveType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Rows written as Parquet, with the table's columns as Hive maps them: ints with their width,
 * strings as UTF-8, dates as DATE, timestamps as INT64 milliseconds (UTC), decimals as DECIMAL,
 * arrays as 3-level LISTs, maps as MAPs, structs as groups. Every column is optional.
 */
final class ParquetColumnarWriter implements ColumnarWriter {
    private final MessageType schema;
    private final List<HiveType> types;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    ParquetColumnarWriter(Path file, JsonRows rows, DataFormatConversion conversion) throws IOException {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (int i = 0; i < rows.columns().size(); i++) {
            message.addField(type(rows.columns().get(i).name(), rows.types().get(i), Type.Repetition.OPTIONAL));
        }
        this.schema = message.named("schema");
        this.types = rows.types();
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(switch (conversion.compression()) {
                    case "UNCOMPRESSED" -> CompressionCodecName.UNCOMPRESSED;
                    case "GZIP" -> CompressionCodecName.GZIP;
                    default -> CompressionCodecName.SNAPPY;
                })
                .withRowGroupSize(conversion.blockSizeBytes())
                .withPageSize(conversion.pageSizeBytes())
                .withDictionaryEncoding(conversion.dictionary())
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
    }

    static Type type(String name, HiveType hive, Type.Repetition repetition) {
        return switch (hive.kind()) {
            case "boolean" -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case "tinyint" -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case "smallint" -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case "int" -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case "bigint" -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case "float" -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case "double" -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case "string", "varchar", "char" ->
                    Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
            case "binary" -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case "date" -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case "timestamp" -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(name);
            case "decimal" -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.decimalType(hive.scale(), hive.precision())).named(name);
            case "array" -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(type("element", hive.elements().get(0), Type.Repetition.OPTIONAL))
                            .named("list"))
                    .named(name);
            case "map" -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup()
                            .addField(type("key", hive.elements().get(0), Type.Repetition.REQUIRED))
                            .addField(type("value", hive.elements().get(1), Type.Repetition.OPTIONAL))
                            .named("key_value"))
                    .named(name);
            case "struct" -> {
                Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
                hive.fields().forEach((field, fieldType) -> group.addField(type(field, fieldType, Type.Repetition.OPTIONAL)));
                yield group.named(name);
            }
            default -> throw new IllegalArgumentException("No Parquet type for " + hive);
        };
    }

    @Override
    public void write(Object[] row) throws IOException {
        Group group = groups.newGroup();
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                add(group, schema.getFieldName(i), types.get(i), row[i]);
            }
        }
        writer.write(group);
    }

    @SuppressWarnings("unchecked")
    private static void add(Group group, String field, HiveType type, Object value) {
        switch (type.kind()) {
            case "boolean" -> group.add(field, (Boolean) value);
            case "tinyint", "smallint", "int" -> group.add(field, ((Long) value).intValue());
            case "bigint" -> group.add(field, (Long) value);
            case "float" -> group.add(field, ((Double) value).floatValue());
            case "double" -> group.add(field, (Double) value);
            case "string", "varchar", "char" -> group.add(field, (String) value);
            case "binary" -> group.add(field, Binary.fromConstantByteArray((byte[]) value));
            case "date" -> group.add(field, (int) ((LocalDate) value).toEpochDay());
            case "timestamp" -> group.add(field, ((Instant) value).toEpochMilli());
            case "decimal" -> group.add(field, Binary.fromConstantByteArray(((BigDecimal) value).unscaledValue().toByteArray()));
            case "array" -> {
                Group list = group.addGroup(field);
                for (Object element : (List<Object>) value) {
                    Group entry = list.addGroup("list");
                    if (element != null) {
                        add(entry, "element", type.elements().get(0), element);
                    }
                }
            }
            case "map" -> {
                Group map = group.addGroup(field);
                for (Map.Entry<Object, Object> e : ((Map<Object, Object>) value).entrySet()) {
                    Group entry = map.addGroup("key_value");
                    add(entry, "key", type.elements().get(0), e.getKey());
                    if (e.getValue() != null) {
                        add(entry, "value", type.elements().get(1), e.getValue());
                    }
                }
            }
            case "struct" -> {
                Group struct = group.addGroup(field);
                Object[] values = (Object[]) value;
                int i = 0;
                for (Map.Entry<String, HiveType> f : type.fields().entrySet()) {
                    if (values[i] != null) {
                        add(struct, f.getKey(), f.getValue(), values[i]);
                    }
                    i++;
                }
            }
            default -> throw new IllegalArgumentException("No Parquet value for " + type);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
