package io.sluice.analytics.engine;

import io.sluice.analytics.application.Application;
import io.sluice.analytics.code.LegacySql;
import io.sluice.analytics.code.SqlStatements;
import io.sluice.analytics.code.Step;
import io.sluice.analytics.config.AnalyticsProperties;
import io.sluice.analytics.functions.KdaFunctions;
import io.sluice.analytics.application.Shapes.InputDescription;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.analytics.application.Shapes.RecordColumn;
import io.sluice.analytics.application.Shapes.SourceSchema;
import io.sluice.analytics.flink.StreamSources;
import io.sluice.analytics.row.RowReader;
import io.sluice.analytics.row.RowWriter;
import io.sluice.analytics.row.SqlType;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.kafka.directory.StreamLocation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * An application as one Flink job: its input's in-application streams ({@code <NamePrefix>_001} …,
 * the stream's shards shared out among them) as views with the schema's columns and ROWTIME, the
 * application's statements over them, and each {@code INSERT INTO <output name>} written to every
 * output of that name. Checkpoints every 10 s; a start from a savepoint restores the readers'
 * offsets.
 */
final class ApplicationJob {
    private static final Pattern INSERT = Pattern.compile("(?is)INSERT\\s+INTO\\s+(?:`([^`]+)`|\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_$]*))\\s+(.*)");
    private static final Pattern DDL = Pattern.compile("(?is)CREATE\\s+(?:TEMPORARY\\s+)?(?:VIEW|FUNCTION)\\b.*");
    static final long CHECKPOINT_INTERVAL_MS = 10_000;

    /**
     * What a job needs besides the application.
     *
     * @param rest the Flink cluster's REST endpoint
     * @param settings the service's settings: Kafka, the state directory (a URI the cluster can
     *     write), the job jar for a session cluster, where reference data is
     * @param input the location of the input's Kinesis stream or delivery stream
     * @param outputs the location of each output's Kinesis stream or delivery stream, by OutputId (a delivery stream gets what
     *     PutRecordBatch would put: its records spread over its partitions, sealed while its encryption is on)
     * @param savepoint the savepoint to resume from, null to start at the input's starting position
     */
    record Plan(URI rest, AnalyticsProperties settings, StreamLocation input, Map<String, StreamLocation> outputs, String savepoint) {
        String bootstrapServers() {
            return settings.jobBootstrapServers();
        }
    }

    private ApplicationJob() {
    }

    /** Builds the job and submits it; @return its JobID. @throws AwsException InvalidApplicationConfigurationException for code that cannot run */
    static String submit(Application application, Plan plan) throws Exception {
        String key = key(application);
        Configuration config = new Configuration();
        config.set(PipelineOptions.NAME, "kinesisanalytics " + key);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints(plan.settings().flink().stateDir(), application));
        config.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepoints(plan.settings().flink().stateDir(), application));
        // Kept when the job is cancelled or lost, so that a restarted service resumes from the latest.
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (plan.savepoint() != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, plan.savepoint());
            config.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        String[] jars = plan.settings().flink().jobJar() == null ? new String[0] : new String[] {plan.settings().flink().jobJar()};
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(plan.rest().getHost(), plan.rest().getPort(), config,
                jars);
        env.setParallelism(1);
        // Records pass between chained operators without a copy each: every function of the job makes new rows.
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
        if (LegacySql.isLegacy(application.code())) {
            KdaFunctions.register(tables);
        }
        inputViews(env, tables, application, plan, key);
        ReferenceTables.register(tables, application, plan.settings().s3(), plan.settings().region());
        for (Step step : check(application)) {
            if (step instanceof Step.StaggerWindows stagger) {
                StaggerWindows.apply(tables, stagger);
            } else if (step instanceof Step.FinalRows finals) {
                FinalRows.apply(tables, finals);
            } else if (step instanceof Step.RandomCutForest forest) {
                RandomCutForestScores.apply(tables, forest);
            } else if (step instanceof Step.TumblingItems items) {
                TumblingItems.apply(tables, items);
            } else if (step instanceof Step.Rowtime rowtime) {
                RowtimeStep.apply(tables, rowtime);
            } else if (step instanceof Step.Hotspots hotspots) {
                HotspotsFunction.apply(tables, hotspots);
            } else if (step instanceof Step.Sql sql && INSERT.matcher(sql.sql()).matches()) {
                Matcher insert = INSERT.matcher(sql.sql());
                insert.matches();
                write(application, plan, tables, outputName(insert), insert.group(4), sql.line());
            } else {
                tables.executeSql(((Step.Sql) step).sql());
            }
        }
        if (application.configuration().outputs().stream().anyMatch(o -> o.name().equalsIgnoreCase(InputDecoder.ERROR_STREAM))
                && List.of(tables.listTemporaryViews()).contains(InputDecoder.ERROR_STREAM)) {
            write(application, plan, tables, InputDecoder.ERROR_STREAM, "SELECT * FROM " + LegacyView.quote(InputDecoder.ERROR_STREAM), 0);
        }
        return env.executeAsync().getJobID().toHexString();
    }

    /** An application's own part of the state directory (and of its Kafka consumer group): account/region/name. */
    static String key(Application application) {
        return application.owner().accountId() + "/" + application.owner().region() + "/" + application.name();
    }

    /** Where its jobs' checkpoints go, each job's under its id. */
    static String checkpoints(String stateDir, Application application) {
        return stateDir + "/checkpoints/" + key(application);
    }

    static String savepoints(String stateDir, Application application) {
        return stateDir + "/savepoints/" + key(application);
    }

    /**
     * What can be known of the code before it runs: the legacy dialect translates (into views and
     * INSERTs of Flink SQL); Flink SQL's statements are CREATE VIEW, CREATE FUNCTION and INSERT INTO
     * one of the application's outputs, at least one of them an INSERT.
     *
     * @return the steps the job runs: Flink SQL statements and, for the legacy dialect, the stream
     *     operations it translates to
     * @throws AwsException CodeValidationException (legacy code that does not translate) or
     *     InvalidApplicationConfigurationException, naming the statement's line
     */
    static List<Step> check(Application application) {
        List<String> outputNames = application.configuration().outputs().stream().map(OutputDescription::name).toList();
        if (LegacySql.isLegacy(application.code())) {
            return LegacySql.translate(application.code(), application.configuration().inAppInputColumns(),
                    application.configuration().referenceTables(), new java.util.HashSet<>(outputNames));
        }
        List<SqlStatements.Statement> statements = SqlStatements.split(application.code());
        boolean writes = false;
        for (SqlStatements.Statement statement : statements) {
            Matcher insert = INSERT.matcher(statement.text());
            if (insert.matches()) {
                String name = outputName(insert);
                if (application.configuration().outputs().stream().noneMatch(o -> o.name().equalsIgnoreCase(name))) {
                    throw unrunnable("line " + statement.line() + ": INSERT INTO " + name + ", but the application has no output named " + name);
                }
                writes = true;
            } else if (!DDL.matcher(statement.text()).matches()) {
                throw unrunnable("line " + statement.line() + ": only CREATE VIEW, CREATE FUNCTION and INSERT INTO <output> run in a Flink SQL "
                        + "application: " + SqlStatements.abbreviate(statement.text()));
            }
        }
        if (!writes) {
            throw unrunnable("the code writes no output: it needs an INSERT INTO one of the application's outputs");
        }
        return statements.stream().<Step>map(s -> new Step.Sql(s.text(), s.line())).toList();
    }

    private static String outputName(Matcher insert) {
        return insert.group(1) != null ? insert.group(1) : insert.group(2) != null ? insert.group(2) : insert.group(3);
    }

    private static void inputViews(StreamExecutionEnvironment env, StreamTableEnvironment tables, Application application, Plan plan,
            String key) {
        InputDescription input = application.configuration().inputs().get(0);
        SourceSchema schema = input.schema();
        RowReader reader = reader(schema);
        List<String> names = new ArrayList<>(schema.recordColumns().stream().map(RecordColumn::name).toList());
        names.add("ROWTIME");
        List<TypeInformation<?>> types = new ArrayList<>();
        Schema.Builder columns = Schema.newBuilder();
        for (RecordColumn column : schema.recordColumns()) {
            SqlType type = SqlType.parse(column.sqlType());
            types.add(FlinkTypes.typeInfo(type));
            columns.column(column.name(), FlinkTypes.dataType(type));
        }
        types.add(Types.LOCAL_DATE_TIME);
        columns.column("ROWTIME", DataTypes.TIMESTAMP(3)).watermark("ROWTIME", "SOURCE_WATERMARK()");
        RowTypeInfo rowType = new RowTypeInfo(types.toArray(TypeInformation[]::new), names.toArray(String[]::new));
        String position = input.startingPosition() == null ? null : input.startingPosition().position();
        OffsetsInitializer start = "TRIM_HORIZON".equals(position) ? OffsetsInitializer.earliest() : OffsetsInitializer.latest();
        List<String> streams = input.inAppStreamNames();
        DataStream<Row> errors = null;
        for (int i = 0; i < streams.size(); i++) {
            int reader0 = i;
            List<StreamLocation.ShardLocation> shards = plan.input().shards().stream()
                    .filter(s -> Math.floorMod(s.partition(), streams.size()) == reader0).toList();
            if (shards.isEmpty()) {
                tables.createTemporaryView(streams.get(i), tables.sqlQuery("SELECT * FROM " + streams.get(0) + " WHERE FALSE"));
                continue;
            }
            StreamLocation part = new StreamLocation(plan.input().streamName(), plan.input().streamArn(), plan.input().topic(),
                    plan.input().status(), shards, plan.input().dataKeys(), plan.input().sealingKeyId());
            DataStream<byte[]> data = records(env, application, input, plan, part, key, start, i);
            var decoded = data.process(new InputDecoder(reader), rowType).name(streams.get(i));
            DataStream<Row> rows = decoded.assignTimestampsAndWatermarks(new RowtimeWatermarks(names.size() - 1));
            tables.createTemporaryView(streams.get(i), tables.fromDataStream(rows, columns.build()));
            DataStream<Row> failed = decoded.getSideOutput(InputDecoder.ERRORS);
            errors = errors == null ? failed : errors.union(failed);
        }
        if (errors != null) {
            tables.createTemporaryView(LegacyView.quote(InputDecoder.ERROR_STREAM), tables.fromDataStream(errors, InputDecoder.errorSchema()));
        }
    }

    /**
     * The data of one in-application stream's records: as the stream holds it, or as the input's
     * preprocessing Lambda answers for it.
     */
    private static DataStream<byte[]> records(StreamExecutionEnvironment env, Application application, InputDescription input, Plan plan,
            StreamLocation part, String key, OffsetsInitializer start, int reader) {
        String group = "sluice-kda-" + key.replace('/', '.');
        String uid = "input-" + input.inputId() + "-" + reader;
        var noWatermarks = org.apache.flink.api.common.eventtime.WatermarkStrategy.<byte[]>noWatermarks();
        if (input.processing() == null || input.processing().lambda() == null) {
            return env.fromSource(StreamSources.data(part, plan.bootstrapServers(), group, start), noWatermarks, uid).uid(uid);
        }
        DataStream<Row> records = env.fromSource(StreamSources.of(part, plan.bootstrapServers(), group, false, start),
                org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(), uid).uid(uid);
        return records.keyBy(record -> 0, Types.INT)
                .process(new InputPreprocessor(plan.settings().lambda().invoker(), input.processing().lambda().resourceArn(), application.arn().toString(),
                        plan.input().streamArn(), input.kinesisFirehose() != null, records.getType()),
                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .name("preprocessing " + input.processing().lambda().resourceArn()).uid(uid + "-preprocessing");
    }

    /** The reader of records (or reference objects) of a schema. */
    static RowReader reader(SourceSchema schema) {
        var format = schema.recordFormat();
        return new RowReader(format.type(), format.mapping().json() == null ? null : format.mapping().json().recordRowPath(),
                schema.recordColumns().stream().map(c -> new RowReader.Column(c.name(), c.mapping(), c.sqlType())).toList(),
                format.mapping().csv() == null ? null : format.mapping().csv().recordRowDelimiter(),
                format.mapping().csv() == null ? null : format.mapping().csv().recordColumnDelimiter());
    }

    private static void write(Application application, Plan plan, StreamTableEnvironment tables, String name, String query, int line) {
        List<OutputDescription> outputs = application.configuration().outputs().stream()
                .filter(o -> o.name().equalsIgnoreCase(name)).toList();
        Table result = tables.sqlQuery(query);
        List<String> names = result.getResolvedSchema().getColumnNames();
        DataStream<Row> rows = tables.toDataStream(result);
        for (OutputDescription output : outputs) {
            StreamLocation stream = plan.outputs().get(output.outputId());
            rows.map(new Encoder(new RowWriter(output.destinationSchema().recordFormatType(), names)),
                            org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                    .name("encode " + output.name())
                    .sinkTo(KafkaSink.<byte[]>builder().setBootstrapServers(plan.bootstrapServers())
                            .setRecordSerializer(new StreamOutput(stream)).setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build())
                    .name("output " + output.outputId() + " " + stream.streamName()).uid("output-" + output.outputId());
        }
    }

    /** A row of the result, written as its output's DestinationSchema asks, and counted (KDA's OutputRecords). */
    private static final class Encoder extends RichMapFunction<Row, byte[]> {
        private static final long serialVersionUID = 1L;
        private final RowWriter writer;
        private transient org.apache.flink.metrics.Counter outputRecords;

        Encoder(RowWriter writer) {
            this.writer = writer;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            outputRecords = getRuntimeContext().getMetricGroup().addGroup(ApplicationMetrics.GROUP).counter(ApplicationMetrics.OUTPUT_RECORDS);
        }

        @Override
        public byte[] map(Row row) {
            outputRecords.inc();
            Object[] values = new Object[row.getArity()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getField(i);
            }
            return writer.write(values);
        }
    }

    static AwsException unrunnable(String why) {
        return new AwsException(ErrorCode.INVALID_APPLICATION_CONFIGURATION, "The application cannot run: " + why + ".");
    }
}
