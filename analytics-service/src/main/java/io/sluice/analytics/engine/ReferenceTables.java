package io.sluice.analytics.engine;

import io.sluice.analytics.application.Application;
import io.sluice.analytics.application.Shapes.RecordColumn;
import io.sluice.analytics.application.Shapes.ReferenceDataSourceDescription;
import io.sluice.analytics.application.Shapes.SourceSchema;
import io.sluice.analytics.row.RowReader;
import io.sluice.analytics.row.SqlType;
import io.sluice.common.arn.BucketArn;
import io.sluice.storage.S3Buckets;
import io.sluice.storage.S3Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * An application's reference data sources as in-application tables: each a lookup table
 * ({@link ReferenceTableFactory}) over its S3 object, read whole when the job starts — as KDA
 * loaded reference data once, and again on UpdateApplication (which restarts the job).
 */
final class ReferenceTables {
    /** KDA's limit on a reference data object. */
    static final long MAX_OBJECT_BYTES = 1L << 30;

    /**
     * Where a table's rows come from and how they read; travels in the table's options.
     *
     * @param reader the reference schema's reader
     */
    record Source(S3Settings s3, String region, String bucket, String key, RowReader reader) implements Serializable {
        String encoded() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }

        static Source decoded(String encoded) {
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
                return (Source) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalArgumentException("Not a reference data source: " + e.getMessage(), e);
            }
        }
    }

    private ReferenceTables() {
    }

    /**
     * Registers each reference table after checking that its object is there.
     *
     * @throws io.sluice.common.error.AwsException InvalidApplicationConfigurationException for an
     *     object that is missing, unreadable or over 1 GB
     */
    static void register(StreamTableEnvironment tables, Application application, S3Settings s3, String region) {
        S3Buckets buckets = new S3Buckets(s3, region);
        for (ReferenceDataSourceDescription reference : application.configuration().references()) {
            String bucket = BucketArn.parse(reference.s3().bucketArn()).map(BucketArn::bucket)
                    .orElseThrow(() -> ApplicationJob.unrunnable(reference.s3().bucketArn() + " is not an S3 bucket ARN"));
            String where = "s3://" + bucket + "/" + reference.s3().fileKey();
            try {
                if (buckets.size(bucket, reference.s3().fileKey()).orElseThrow(() ->
                        ApplicationJob.unrunnable("the reference data " + where + " of table " + reference.tableName() + " does not exist"))
                        > MAX_OBJECT_BYTES) {
                    throw ApplicationJob.unrunnable("the reference data " + where + " is larger than 1 GB");
                }
            } catch (IOException e) {
                throw ApplicationJob.unrunnable("the reference data " + where + " could not be read: " + e.getMessage());
            }
            SourceSchema schema = reference.schema();
            Schema.Builder columns = Schema.newBuilder();
            for (RecordColumn column : schema.recordColumns()) {
                columns.column(column.name(), FlinkTypes.dataType(SqlType.parse(column.sqlType())));
            }
            Source source = new Source(s3, region, bucket, reference.s3().fileKey(), ApplicationJob.reader(schema));
            tables.createTemporaryTable(LegacyView.quote(reference.tableName()), TableDescriptor.forConnector(ReferenceTableFactory.IDENTIFIER)
                    .schema(columns.build()).option(ReferenceTableFactory.SOURCE, source.encoded()).build());
        }
    }
}
