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
}
