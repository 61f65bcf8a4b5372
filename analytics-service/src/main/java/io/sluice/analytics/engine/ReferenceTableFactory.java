package io.sluice.analytics.engine;

import io.sluice.analytics.row.SqlType;
import io.sluice.storage.S3Buckets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.Row;

/**
 * The {@value #IDENTIFIER} connector: a reference data table as a Flink lookup table. Each task
 * reads the S3 object whole when it opens, indexes its rows by the join's key columns and answers
 * each stream row's lookup from memory. Registered for Flink's factory discovery in
 * {@code META-INF/services}.
 */
public final class ReferenceTableFactory implements DynamicTableSourceFactory {
    static final String IDENTIFIER = "sluice-reference";
    /**
     * The table's {@link ReferenceTables.Source}, encoded; it holds S3 credentials, and a key
     * naming a secret is what Flink masks when it prints a table's options.
     */
    static final String SOURCE = "secret-source";
    private static final ConfigOption<String> SOURCE_OPTION = ConfigOptions.key(SOURCE).stringType().noDefaultValue();

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(SOURCE_OPTION);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        return new Source(ReferenceTables.Source.decoded(helper.getOptions().get(SOURCE_OPTION)), context.getPhysicalRowDataType());
    }

    /** The table as a lookup source. */
    private record Source(ReferenceTables.Source source, DataType rowType) implements LookupTableSource {
        @Override
        public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
            int[] keys = new int[context.getKeys().length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = context.getKeys()[i][0];
            }
            return LookupFunctionProvider.of(new Lookup(source, context.createDataStructureConverter(rowType), keys,
                    rowType.getChildren().stream().map(DataType::getLogicalType).toArray(LogicalType[]::new)));
        }

        @Override
        public DynamicTableSource copy() {
            return new Source(source, rowType);
        }

        @Override
        public String asSummaryString() {
            return "reference data s3://" + source.bucket() + "/" + source.key();
        }
    }

    /** The rows of the object, by their key columns' values. */
    public static final class Lookup extends LookupFunction {
        private static final long serialVersionUID = 1L;
        private final ReferenceTables.Source source;
        private final DynamicTableSource.DataStructureConverter converter;
        private final int[] keys;
        private final LogicalType[] types;
        private transient Map<List<Object>, List<RowData>> rows;
        private transient RowData.FieldGetter[] tableKeys;
        private transient RowData.FieldGetter[] lookupKeys;

        Lookup(ReferenceTables.Source source, DynamicTableSource.DataStructureConverter converter, int[] keys, LogicalType[] types) {
            this.source = source;
            this.converter = converter;
            this.keys = keys.clone();
            this.types = types.clone();
        }

        @Override
        public void open(FunctionContext context) throws Exception {
            converter.open(RuntimeConverter.Context.create(context.getUserCodeClassLoader()));
            tableKeys = new RowData.FieldGetter[keys.length];
            lookupKeys = new RowData.FieldGetter[keys.length];
            for (int i = 0; i < keys.length; i++) {
                tableKeys[i] = RowData.createFieldGetter(types[keys[i]], keys[i]);
                lookupKeys[i] = RowData.createFieldGetter(types[keys[i]], i);
            }
            byte[] object = new S3Buckets(source.s3(), source.region()).read(source.bucket(), source.key(), ReferenceTables.MAX_OBJECT_BYTES)
                    .orElseThrow(() -> new IllegalStateException("The reference data s3://" + source.bucket() + "/" + source.key() + " is gone"));
            rows = new HashMap<>();
            try {
                for (Object[] values : source.reader().readAll(object)) {
                    RowData row = (RowData) converter.toInternal(Row.of(values));
                    rows.computeIfAbsent(key(row, tableKeys), k -> new ArrayList<>()).add(row);
                }
            } catch (SqlType.ConversionException e) {
                throw new IllegalStateException("The reference data s3://" + source.bucket() + "/" + source.key() + " does not read as its "
                        + "schema says: " + e.getMessage(), e);
            }
        }

        @Override
        public Collection<RowData> lookup(RowData keyRow) {
            return rows.getOrDefault(key(keyRow, lookupKeys), List.of());
        }

        private static List<Object> key(RowData row, RowData.FieldGetter[] getters) {
            List<Object> key = new ArrayList<>(getters.length);
            for (RowData.FieldGetter getter : getters) {
                key.add(getter.getFieldOrNull(row));
            }
            return key;
        }
    }
}
