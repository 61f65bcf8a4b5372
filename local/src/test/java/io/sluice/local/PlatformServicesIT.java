package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.common.protocol.AwsHeaders;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.ListApplicationsResponse;

/**
 * The three AWS services behind the one gateway: each answers from its own service and database,
 * every response carries the request id the gateway logged, and each service's Flyway history
 * holds its own migrations only.
 */
class PlatformServicesIT {

    @Test
    void firehoseAndAnalyticsAnswerThroughTheGatewayFromTheirOwnServices() {
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint());
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            String kinesisOnly = "kinesis-only-" + System.nanoTime();
            try (var kinesis = Platform.kinesis()) {
                kinesis.createStream(b -> b.streamName(kinesisOnly).shardCount(1));
            }
            // Other tests of this JVM create delivery streams; a Kinesis stream is never one of them.
            ListDeliveryStreamsResponse streams = firehose.listDeliveryStreams(b -> b.limit(10000));
            assertThat(streams.deliveryStreamNames()).doesNotContain(kinesisOnly).isSorted();
            assertThat(streams.hasMoreDeliveryStreams()).isFalse();
            ListApplicationsResponse applications = analytics.listApplications(b -> b.limit(10));
            assertThat(applications.applicationSummaries()).isEmpty();
            assertThat(applications.hasMoreApplications()).isFalse();
        }
    }

    @Test
    void unknownOperationsOfEachApiAreUnknownOperationExceptions() throws Exception {
        for (String target : List.of("Kinesis_20131202.NoSuchThing", "Firehose_20150804.NoSuchThing",
                "KinesisAnalytics_20150814.NoSuchThing", "AWSGlue.NoSuchThing")) {
            HttpResponse<byte[]> response = Platform.post(target, "application/x-amz-json-1.1", "{}".getBytes(),
                    Platform.SIGNATURE);
            assertThat(response.statusCode()).as(target).isEqualTo(400);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(target)
                    .contains("\"__type\":\"UnknownOperationException\"");
            assertThat(response.headers().firstValue(AwsHeaders.ERROR_TYPE)).contains("UnknownOperationException");
            assertThat(response.headers().firstValue(AwsHeaders.REQUEST_ID)).isPresent();
        }
    }

    @Test
    void everyResponseCarriesTheRequestIdTheGatewayLogged() throws Exception {
        // Started first: a Spring application starting resets the logging configuration.
        Platform.get();
        Logger access = (Logger) LoggerFactory.getLogger("io.sluice.gateway.access");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Level before = access.getLevel();
        access.setLevel(Level.DEBUG);
        access.addAppender(logged);
        List<String> ids = new ArrayList<>();
        try (FirehoseClient firehose = AwsClients.firehose(Platform.endpoint());
                KinesisAnalyticsClient analytics = AwsClients.analytics(Platform.endpoint())) {
            ids.add(firehose.listDeliveryStreams(b -> b.limit(1)).responseMetadata().requestId());
            ids.add(analytics.listApplications(b -> b.limit(1)).responseMetadata().requestId());
            ids.add(Platform.kinesis().listStreams().responseMetadata().requestId());
            try {
                firehose.listDeliveryStreams(b -> b.limit(0));
            } catch (AwsServiceException e) {
                ids.add(e.requestId());
            }
        } finally {
            access.detachAppender(logged);
            access.setLevel(before);
        }
        assertThat(ids).hasSize(4).doesNotContainNull().doesNotHaveDuplicates();
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        for (String id : ids) {
            assertThat(lines).as("gateway log").anyMatch(line -> line.startsWith(id + " "));
        }
    }

    @Test
    void aServiceThatIsNotRunningIsServiceUnavailableWithARequestId() throws Exception {
        try (SluicePlatform gatewayOnly = SluicePlatform.start(Platform.settings("sluice_gateway_only", Set.of(), Map.of()))) {
            HttpResponse<byte[]> response = Platform.post(URI.create("http://127.0.0.1:" + gatewayOnly.gatewayPort()),
                    "Firehose_20150804.ListDeliveryStreams", "application/x-amz-json-1.1", "{}".getBytes(),
                    Platform.SIGNATURE);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"__type\":\"ServiceUnavailable\"");
            assertThat(response.headers().firstValue(AwsHeaders.REQUEST_ID)).isPresent();
        }
    }

    @Test
    void eachServiceMigratesItsOwnDatabaseWithItsOwnHistory() throws Exception {
        Platform.get();
        assertThat(history("sluice", "flyway_schema_history")).contains("V1__streams.sql").allMatch(s -> !s.contains("delivery"));
        List<String> firehose = history("sluice_firehose", "firehose_schema_history");
        assertThat(firehose).startsWith("V1__delivery_streams.sql", "V2__delivery_stream_configuration.sql")
                .doesNotContain("V1__streams.sql", "V1__applications.sql");
        assertThat(history("sluice_analytics", "analytics_schema_history")).startsWith("V1__applications.sql", "V2__application_configuration.sql")
                .doesNotContain("V1__streams.sql", "V1__delivery_streams.sql");
    }

    private static List<String> history(String database, String table) throws Exception {
        List<String> scripts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(SharedEngines.postgres().jdbcUrl(database), SharedEngines.postgres().user(), "");
                ResultSet rs = c.createStatement().executeQuery("SELECT script FROM " + table + " ORDER BY installed_rank")) {
            while (rs.next()) {
                scripts.add(rs.getString(1));
            }
        }
        return scripts;
    }
}
