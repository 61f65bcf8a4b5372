package io.sluice.analytics.engine;

import io.sluice.analytics.row.SqlType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/** The Flink types of KDA's SQL types: the Java value {@link SqlType} converts to, and the SQL type of the column. */
final class FlinkTypes {
    private FlinkTypes() {
    }

    static TypeInformation<?> typeInfo(SqlType type) {
        return switch (type.kind()) {
            case CHAR, VARCHAR -> Types.STRING;
            case TINYINT -> Types.BYTE;
            case SMALLINT -> Types.SHORT;
            case INTEGER -> Types.INT;
            case BIGINT -> Types.LONG;
            case REAL -> Types.FLOAT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.BIG_DEC;
            case BOOLEAN -> Types.BOOLEAN;
            case TIMESTAMP -> Types.LOCAL_DATE_TIME;
            case DATE -> Types.LOCAL_DATE;
            case TIME -> Types.LOCAL_TIME;
            case BINARY, VARBINARY -> Types.PRIMITIVE_ARRAY(Types.BYTE);
        };
    }

    static DataType dataType(SqlType type) {
        return switch (type.kind()) {
            case CHAR, VARCHAR -> DataTypes.STRING();
            case TINYINT -> DataTypes.TINYINT();
            case SMALLINT -> DataTypes.SMALLINT();
            case INTEGER -> DataTypes.INT();
            case BIGINT -> DataTypes.BIGINT();
            case REAL -> DataTypes.FLOAT();
            case DOUBLE -> DataTypes.DOUBLE();
            case DECIMAL -> DataTypes.DECIMAL(type.length(), type.scale());
            case BOOLEAN -> DataTypes.BOOLEAN();
            case TIMESTAMP -> DataTypes.TIMESTAMP(3);
            case DATE -> DataTypes.DATE();
            case TIME -> DataTypes.TIME(3);
            case BINARY, VARBINARY -> DataTypes.BYTES();
        };
    }
}
