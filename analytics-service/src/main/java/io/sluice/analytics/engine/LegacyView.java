package io.sluice.analytics.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/** Views between the stream steps of a translated application: their names, row types and schema with ROWTIME. */
final class LegacyView {
    private LegacyView() {
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** The columns' types as plain data types (a time attribute is a TIMESTAMP(3) once it is a value). */
    static List<DataType> plainTypes(ResolvedSchema schema) {
        List<DataType> types = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            DataType type = column.getDataType();
            boolean time = type.getLogicalType().getTypeRoot() == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE;
            types.add(time ? DataTypes.TIMESTAMP(3).nullable() : type);
        }
        return types;
    }

    static DataType rowType(List<String> names, List<DataType> types) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(DataTypes.FIELD(names.get(i), types.get(i)));
        }
        return DataTypes.ROW(fields.toArray(DataTypes.Field[]::new)).bridgedTo(org.apache.flink.types.Row.class);
    }

    /** The columns, with ROWTIME — the rows' timestamps — the view's time attribute when it has one. */
    static Schema schema(List<String> names, List<DataType> types) {
        Schema.Builder schema = Schema.newBuilder();
        for (int i = 0; i < names.size(); i++) {
            schema.column(names.get(i), types.get(i));
        }
        if (names.contains("ROWTIME")) {
            schema.watermark("ROWTIME", "SOURCE_WATERMARK()");
        }
        return schema.build();
    }

    /**
     * The columns of a step that adds columns to each row of its input: the input's (ROWTIME
     * aside), the added ones, then ROWTIME.
     *
     * @param rowtime where ROWTIME is among the input's columns
     */
    record Added(List<String> names, List<DataType> types, int rowtime) implements java.io.Serializable {

        static Added to(ResolvedSchema input, List<String> added, List<DataType> addedTypes) {
            List<String> inputNames = input.getColumnNames();
            List<DataType> inputTypes = plainTypes(input);
            int rowtime = inputNames.indexOf("ROWTIME");
            List<String> names = new ArrayList<>();
            List<DataType> types = new ArrayList<>();
            for (int i = 0; i < inputNames.size(); i++) {
                if (i != rowtime) {
                    names.add(inputNames.get(i));
                    types.add(inputTypes.get(i));
                }
            }
            names.addAll(added);
            types.addAll(addedTypes);
            names.add("ROWTIME");
            types.add(DataTypes.TIMESTAMP(3));
            return new Added(List.copyOf(names), List.copyOf(types), rowtime);
        }

        org.apache.flink.api.common.typeinfo.TypeInformation<org.apache.flink.types.Row> typeInfo() {
            return org.apache.flink.table.runtime.typeutils.ExternalTypeInfo.of(rowType(names, types));
        }

        /** Registers the rows as view {@code name}, their ROWTIME its time attribute. */
        void register(org.apache.flink.table.api.bridge.java.StreamTableEnvironment tables, String name,
                org.apache.flink.streaming.api.datastream.DataStream<org.apache.flink.types.Row> rows) {
            tables.createTemporaryView(quote(name), tables.fromDataStream(rows, schema(names, types)));
        }

        /** An input row with the added values, ROWTIME last. */
        org.apache.flink.types.Row row(org.apache.flink.types.Row input, Object... values) {
            org.apache.flink.types.Row row = org.apache.flink.types.Row.withPositions(input.getArity() + values.length);
            int at = 0;
            for (int i = 0; i < input.getArity(); i++) {
                if (i != rowtime) {
                    row.setField(at++, input.getField(i));
                }
            }
            for (Object value : values) {
                row.setField(at++, value);
            }
            row.setField(at, input.getField(rowtime));
            return row;
        }
    }
}
