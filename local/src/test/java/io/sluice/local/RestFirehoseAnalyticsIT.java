package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.ApplicationStatus;

/**
 * The REST API for delivery streams, the schema catalogue and applications, end to end through the
 * gateway, checked against the Firehose and Kinesis Analytics APIs' view of the same resources.
 */
class RestFirehoseAnalyticsIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/sluice";

    @Test
    void aDeliveryStreamCreatedAndFedOverRestDeliversToS3AsTheFirehoseApiDescribesIt() throws Exception {
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint()); Lake lake = new Lake()) {
            lake.createBucket("rest-lake");
            Rest.Answer created = Rest.post("/v1/delivery-streams", """
                    {"DeliveryStreamName": "rest-clicks", "ExtendedS3DestinationConfiguration": {
                      "RoleARN": "%s", "BucketARN": "arn:aws:s3:::rest-lake", "Prefix": "clicks/",
                      "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1}}}""".formatted(ROLE));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().at("/DeliveryStreamDescription/DeliveryStreamARN").asText())
                    .isEqualTo(firehose.describeDeliveryStream(b -> b.deliveryStreamName("rest-clicks")).deliveryStreamDescription().deliveryStreamARN());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    Rest.get("/v1/delivery-streams/rest-clicks").body().at("/DeliveryStreamDescription/DeliveryStreamStatus").asText().equals("ACTIVE"));
            assertThat(Rest.get("/v1/delivery-streams?limit=1&exclusiveStartDeliveryStreamName=rest-click").body().get("DeliveryStreamNames")).extracting(JsonNode::asText).contains("rest-clicks");

            Rest.Answer put = Rest.post("/v1/delivery-streams/rest-clicks/records",
                    "{\"Records\": [{\"Data\": \"{\\\"page\\\":\\\"/a\\\"}\\n\"}, {\"DataBase64\": \"eyJwYWdlIjoiL2IifQo=\"}]}");
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.body().get("FailedPutCount").asInt()).isZero();
            assertThat(Rest.post("/v1/delivery-streams/rest-clicks/records", "{\"Data\": {\"page\": \"/c\"}}").body().get("RecordId").asText())
                    .isNotBlank();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(String.join("", lake.lines("rest-lake", "clicks/"))).contains("{\"page\":\"/a\"}", "{\"page\":\"/b\"}", "{\"page\":\"/c\"}"));

            Rest.Answer wrongVersion = Rest.call("PUT", "/v1/delivery-streams/rest-clicks/destination",
                    "{\"CurrentDeliveryStreamVersionId\": \"7\", \"DestinationId\": \"destinationId-000000000001\", "
                            + "\"ExtendedS3DestinationUpdate\": {\"Prefix\": \"other/\"}}");
            assertThat(wrongVersion.status()).isEqualTo(409);
            assertThat(wrongVersion.body().get("title").asText()).isEqualTo("ConcurrentModificationException");
            assertThat(Rest.call("DELETE", "/v1/delivery-streams/rest-clicks", null).status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThatThrownBy(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("rest-clicks")))
                            .isInstanceOf(software.amazon.awssdk.services.firehose.model.ResourceNotFoundException.class));
        }
    }

    @Test
    void theSchemaCatalogueKeepsDatabasesAndTables() throws Exception {
        assertThat(Rest.post("/v1/schemas/databases", "{\"DatabaseInput\": {\"Name\": \"restdb\"}}").status()).isEqualTo(201);
        Rest.Answer table = Rest.post("/v1/schemas/databases/restdb/tables", """
                {"TableInput": {"Name": "clicks", "StorageDescriptor": {"Columns": [
                  {"Name": "page", "Type": "string"}, {"Name": "ms", "Type": "bigint"}]}}}""");
        assertThat(table.status()).isEqualTo(201);
        assertThat(table.body().at("/Table/StorageDescriptor/Columns")).extracting(c -> c.get("Name").asText()).containsExactly("page", "ms");
        Rest.Answer updated = Rest.call("PUT", "/v1/schemas/databases/restdb/tables/clicks",
                "{\"TableInput\": {\"StorageDescriptor\": {\"Columns\": [{\"Name\": \"page\", \"Type\": \"string\"}]}}}");
        assertThat(updated.body().at("/Table/StorageDescriptor/Columns")).hasSize(1);
        assertThat(Rest.get("/v1/schemas/databases/restdb/tables").body().get("TableList")).hasSize(1);
        assertThat(Rest.call("DELETE", "/v1/schemas/databases/restdb/tables/clicks", null).status()).isEqualTo(200);
        Rest.Answer gone = Rest.get("/v1/schemas/databases/restdb/tables/clicks");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().get("title").asText()).isEqualTo("EntityNotFoundException");
    }

    @Test
    void anApplicationCreatedStartedAndTailedOverRestIsTheOneTheAnalyticsApiSees() throws Exception {
        try (KinesisClient kinesis = Platform.kinesis(); KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            kinesis.createStream(b -> b.streamName("rest-app-in").shardCount(1));
            kinesis.createStream(b -> b.streamName("rest-app-out").shardCount(1));
            KinesisStreams.awaitActive(kinesis, "rest-app-in");
            KinesisStreams.awaitActive(kinesis, "rest-app-out");
            Rest.Answer created = Rest.post("/v1/applications", """
                    {"ApplicationName": "rest-app",
                     "ApplicationCode": "CREATE OR REPLACE STREAM \\"DEST\\" (TICKER VARCHAR(4), PRICE DOUBLE); CREATE OR REPLACE PUMP \\"P\\" AS INSERT INTO \\"DEST\\" SELECT STREAM TICKER, PRICE FROM \\"SOURCE_SQL_STREAM_001\\" WHERE PRICE > 10;",
                     "Inputs": [{"NamePrefix": "SOURCE_SQL_STREAM",
                       "KinesisStreamsInput": {"ResourceARN": "arn:aws:kinesis:us-east-1:000000000000:stream/rest-app-in", "RoleARN": "%1$s"},
                       "InputSchema": {"RecordFormat": {"RecordFormatType": "JSON", "MappingParameters": {"JSONMappingParameters": {"RecordRowPath": "$"}}},
                         "RecordColumns": [{"Name": "TICKER", "Mapping": "$.ticker", "SqlType": "VARCHAR(4)"},
                                           {"Name": "PRICE", "Mapping": "$.price", "SqlType": "DOUBLE"}]}}],
                     "Outputs": [{"Name": "DEST",
                       "KinesisStreamsOutput": {"ResourceARN": "arn:aws:kinesis:us-east-1:000000000000:stream/rest-app-out", "RoleARN": "%1$s"},
                       "DestinationSchema": {"RecordFormatType": "JSON"}}]}""".formatted(ROLE));
            assertThat(created.status()).isEqualTo(201);
            assertThat(analytics.describeApplication(b -> b.applicationName("rest-app")).applicationDetail().applicationStatus())
                    .isEqualTo(ApplicationStatus.READY);
            assertThat(Rest.get("/v1/applications?limit=1&exclusiveStartApplicationName=rest-ap").body().get("ApplicationSummaries")).extracting(a -> a.get("ApplicationName").asText())
                    .contains("rest-app");

            // The input's in-application stream, live: rows under the input schema.
            BlockingQueue<Rest.Event> rows = Rest.queue();
            HttpResponse<java.io.InputStream> tail = Rest.events("/v1/applications/rest-app/streams/SOURCE_SQL_STREAM_001/stream", rows);
            assertThat(tail.statusCode()).isEqualTo(200);
            try {
                kinesis.putRecord(b -> b.streamName("rest-app-in").partitionKey("k")
                        .data(SdkBytes.fromUtf8String("{\"ticker\":\"AMZN\",\"price\":42.5}")));
                Rest.Event row = rows.poll(15, TimeUnit.SECONDS);
                assertThat(row).isNotNull();
                assertThat(row.name()).isEqualTo("row");
                JsonNode values = Rest.JSON.readTree(row.data());
                assertThat(values.get("TICKER").asText()).isEqualTo("AMZN");
                assertThat(values.get("PRICE").asDouble()).isEqualTo(42.5);
            } finally {
                tail.body().close();
            }
            Rest.Answer noSuchStream = Rest.get("/v1/applications/rest-app/streams/INNER/stream");
            assertThat(noSuchStream.status()).isEqualTo(404);

            String inputId = analytics.describeApplication(b -> b.applicationName("rest-app")).applicationDetail().inputDescriptions().get(0).inputId();
            Rest.Answer started = Rest.post("/v1/applications/rest-app/start", """
                    {"InputConfigurations": [{"Id": "%s", "InputStartingPositionConfiguration": {"InputStartingPosition": "TRIM_HORIZON"}}]}"""
                    .formatted(inputId));
            assertThat(started.status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    analytics.describeApplication(b -> b.applicationName("rest-app")).applicationDetail().applicationStatus() == ApplicationStatus.RUNNING);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(KinesisStreams.shardRecords(kinesis, "rest-app-out", "shardId-000000000000")).singleElement().asString().contains("AMZN"));
            assertThat(Rest.post("/v1/applications/rest-app/start", "{\"InputConfigurations\": []}").body().get("title").asText())
                    .isIn("ResourceInUseException", "InvalidArgumentException");
            assertThat(Rest.post("/v1/applications/rest-app/stop", null).status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    analytics.describeApplication(b -> b.applicationName("rest-app")).applicationDetail().applicationStatus() == ApplicationStatus.READY);
            assertThat(Rest.call("DELETE", "/v1/applications/rest-app", null).status()).isEqualTo(200);
            assertThatThrownBy(() -> analytics.describeApplication(b -> b.applicationName("rest-app")))
                    .isInstanceOf(software.amazon.awssdk.services.kinesisanalytics.model.ResourceNotFoundException.class);
        }
    }
}
