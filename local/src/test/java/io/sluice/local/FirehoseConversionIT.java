package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.conversion.ColumnarFiles;
import io.sluice.testsupport.AwsClients;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * DataFormatConversion end to end: a table created through the gateway's Glue Data Catalog API,
 * JSON records put with the SDK's FirehoseClient, files in the embedded S3 server read back with
 * the Parquet and ORC readers giving the same rows and types; a record that does not fit the table
 * lands under the error prefix as Firehose's format-conversion-failed document.
 */
class FirehoseConversionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static JsonNode glue(String operation, String body) throws Exception {
        HttpResponse<byte[]> response = Platform.post("AWSGlue." + operation, "application/x-amz-json-1.1",
                body.getBytes(StandardCharsets.UTF_8), Platform.SIGNATURE);
        JsonNode answer = JSON.readTree(response.body().length == 0 ? "{}".getBytes() : response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(operation + ": " + answer);
        }
        return answer;
    }

    private static void createTable(String database, String table) throws Exception {
        glue("CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"" + database + "\"}}");
        glue("CreateTable", "{\"DatabaseName\":\"" + database + "\",\"TableInput\":{\"Name\":\"" + table + "\",\"StorageDescriptor\":"
                + "{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"user\",\"Type\":\"string\"},"
                + "{\"Name\":\"amount\",\"Type\":\"decimal(10,2)\"},{\"Name\":\"at\",\"Type\":\"timestamp\"},"
                + "{\"Name\":\"tags\",\"Type\":\"array<string>\"}]}}}");
    }

    private static void createStream(FirehoseClient firehose, String name, String database, String table, String serializer) throws Exception {
        JsonNode conversion = JSON.readTree("{\"Enabled\":true,\"SchemaConfiguration\":{\"RoleARN\":\"" + ROLE + "\",\"DatabaseName\":\""
                + database + "\",\"TableName\":\"" + table + "\"},\"InputFormatConfiguration\":{\"Deserializer\":{\"OpenXJsonSerDe\":{}}},"
                + "\"OutputFormatConfiguration\":{\"Serializer\":" + serializer + "}}");
        String body = "{\"DeliveryStreamName\":\"" + name + "\",\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"" + ROLE
                + "\",\"BucketARN\":\"arn:aws:s3:::" + name + "\",\"Prefix\":\"data/\",\"ErrorOutputPrefix\":\"errors/!{firehose:error-output-type}/\","
                + "\"BufferingHints\":{\"SizeInMBs\":64,\"IntervalInSeconds\":0},\"DataFormatConversionConfiguration\":" + conversion + "}}";
        HttpResponse<byte[]> created = Platform.post("Firehose_20150804.CreateDeliveryStream", "application/x-amz-json-1.1",
                body.getBytes(StandardCharsets.UTF_8), Platform.SIGNATURE);
        assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                        .deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
    }

    private static List<String> put(FirehoseClient firehose, String name) {
        List<Record> records = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String line = "{\"id\":" + i + ",\"user\":\"u" + i + "\",\"amount\":" + i + ".5,\"at\":\"2026-11-30T10:00:" + String.format("%02d", i)
                    + "Z\",\"tags\":[\"t" + i + "\"]}";
            lines.add(line);
            records.add(Record.builder().data(SdkBytes.fromUtf8String(line)).build());
        }
        records.add(Record.builder().data(SdkBytes.fromUtf8String("{\"id\":\"not a number\"}")).build());
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(records)).failedPutCount()).isZero();
        return lines;
    }

    private static void assertConversionFailure(Lake lake, String name) throws Exception {
        List<String> errors = lake.lines(name, "errors/format-conversion-failed/");
        assertThat(errors).singleElement().satisfies(line -> {
            JsonNode doc = JSON.readTree(line);
            assertThat(doc.path("ErrorCode").asText()).isEqualTo("DataFormatConversion.MalformedData");
            assertThat(doc.path("ErrorMessage").asText()).contains("column id is not a bigint");
            assertThat(new String(Base64.getDecoder().decode(doc.path("rawData").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"not a number\"}");
            assertThat(doc.path("dataCatalogTable").path("tableName").asText()).isNotEmpty();
        });
    }

    @Test
    void jsonBecomesParquetWithTheTablesColumns(@TempDir Path dir) throws Exception {
        String name = "to-parquet";
        createTable("lake_parquet", "Events");
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            createStream(firehose, name, "lake_parquet", "events", "{\"ParquetSerDe\":{\"Compression\":\"SNAPPY\"}}");
            put(firehose, name);
            List<Group> rows = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                rows.clear();
                Map<String, byte[]> objects = lake.objects(name, "data/");
                assertThat(objects.keySet()).allMatch(k -> k.endsWith(".parquet"));
                int n = 0;
                for (byte[] content : objects.values()) {
                    Path file = Files.write(dir.resolve("f" + n++ + ".parquet"), content);
                    rows.addAll(ColumnarFiles.parquetRows(file));
                }
                assertThat(rows).hasSize(50);
                assertConversionFailure(lake, name);
            });
            rows.sort(java.util.Comparator.comparingLong(g -> g.getLong("id", 0)));
            Group seventh = rows.get(7);
            assertThat(seventh.getString("user", 0)).isEqualTo("u7");
            assertThat(new java.math.BigDecimal(new java.math.BigInteger(seventh.getBinary("amount", 0).getBytes()), 2))
                    .isEqualByComparingTo("7.50");
            assertThat(seventh.getLong("at", 0)).isEqualTo(java.time.Instant.parse("2026-11-30T10:00:07Z").toEpochMilli());
            assertThat(seventh.getGroup("tags", 0).getGroup("list", 0).getString("element", 0)).isEqualTo("t7");
        }
    }

    @Test
    void jsonBecomesOrcWithTheTablesColumns(@TempDir Path dir) throws Exception {
        String name = "to-orc";
        createTable("lake_orc", "events");
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket(name);
            createStream(firehose, name, "lake_orc", "events", "{\"OrcSerDe\":{\"Compression\":\"ZLIB\"}}");
            put(firehose, name);
            List<List<String>> rows = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                rows.clear();
                int n = 0;
                for (Map.Entry<String, byte[]> object : lake.objects(name, "data/").entrySet()) {
                    assertThat(object.getKey()).endsWith(".orc");
                    Map<String, Object> orc = ColumnarFiles.orc(Files.write(dir.resolve("f" + n++ + ".orc"), object.getValue()));
                    assertThat(orc.get("schema")).isEqualTo("struct<id:bigint,user:string,amount:decimal(10,2),at:timestamp,tags:array<string>>");
                    @SuppressWarnings("unchecked")
                    List<List<String>> fileRows = (List<List<String>>) orc.get("rows");
                    rows.addAll(fileRows);
                }
                assertThat(rows).hasSize(50);
                assertConversionFailure(lake, name);
            });
            assertThat(rows).anySatisfy(row -> assertThat(row).containsExactly("7", "\"u7\"", "7.5", row.get(3), "[\"t7\"]"));
        }
    }

    @Test
    void theCatalogueAnswersAsGlueAndConversionNeedsALargeBuffer() throws Exception {
        createTable("lake_api", "clicks");
        JsonNode table = glue("GetTable", "{\"DatabaseName\":\"lake_api\",\"Name\":\"CLICKS\"}").path("Table");
        assertThat(table.path("Name").asText()).isEqualTo("clicks");
        assertThat(table.path("StorageDescriptor").path("Columns").get(2).path("Type").asText()).isEqualTo("decimal(10,2)");
        assertThat(glue("GetTables", "{\"DatabaseName\":\"lake_api\"}").path("TableList")).hasSize(1);
        assertThatThrownBy(() -> glue("CreateTable", "{\"DatabaseName\":\"lake_api\",\"TableInput\":{\"Name\":\"clicks\"}}"))
                .hasMessageContaining("AlreadyExistsException");
        assertThatThrownBy(() -> glue("GetTable", "{\"DatabaseName\":\"nowhere\",\"Name\":\"x\"}"))
                .hasMessageContaining("EntityNotFoundException").hasMessageContaining("Database nowhere not found.");
        assertThatThrownBy(() -> glue("CreateTable", "{\"DatabaseName\":\"lake_api\",\"TableInput\":{\"Name\":\"bad\",\"StorageDescriptor\":"
                + "{\"Columns\":[{\"Name\":\"x\",\"Type\":\"varchar\"}]}}}")).hasMessageContaining("InvalidInputException");
        glue("DeleteTable", "{\"DatabaseName\":\"lake_api\",\"Name\":\"clicks\"}");
        assertThat(glue("GetTables", "{\"DatabaseName\":\"lake_api\"}").path("TableList")).isEmpty();

        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint())) {
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("small-parquet")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::lake-x")
                            .bufferingHints(h -> h.sizeInMBs(5))
                            .dataFormatConversionConfiguration(c -> c.enabled(true)
                                    .schemaConfiguration(s -> s.databaseName("lake_api").tableName("clicks").roleARN(ROLE))
                                    .inputFormatConfiguration(i -> i.deserializer(z -> z.openXJsonSerDe(o -> { })))
                                    .outputFormatConfiguration(o -> o.serializer(z -> z.parquetSerDe(p -> { })))))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least 64");
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("two-serializers")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::lake-x")
                            .dataFormatConversionConfiguration(c -> c.enabled(true)
                                    .schemaConfiguration(s -> s.databaseName("lake_api").tableName("clicks").roleARN(ROLE))
                                    .inputFormatConfiguration(i -> i.deserializer(z -> z.openXJsonSerDe(o -> { })))
                                    .outputFormatConfiguration(o -> o.serializer(z -> z.parquetSerDe(p -> { }).orcSerDe(r -> { })))))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Exactly one of ParquetSerDe and OrcSerDe");
        }
    }
}
