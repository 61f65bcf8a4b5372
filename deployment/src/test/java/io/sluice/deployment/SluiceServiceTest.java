package io.sluice.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check the deployment tests rely on: names a service would not understand are found. */
class SluiceServiceTest {

    @Test
    void settingsOfTheServiceBindAndOthersAreUnknown() {
        assertThat(SluiceService.FIREHOSE.unknownVariables(Map.of(
                "SLUICE_FIREHOSE_KAFKA_BOOTSTRAPSERVERS", "kafka:9092",
                "SLUICE_FIREHOSE_S3_BUCKETS_LAKE_ENDPOINT", "http://elsewhere:9000",
                "SLUICE_ENDPOINT_MAXREQUESTSIZE", "8MB",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://db/x",
                "MANAGEMENT_SERVER_PORT", "9404",
                "LOGGING_LEVEL_IO_SLUICE", "DEBUG",
                "JAVA_TOOL_OPTIONS", "-Xmx1g"))).isEmpty();
        assertThat(SluiceService.FIREHOSE.unknownVariables(Map.of(
                "SLUICE_FIREHOSE_KAFKA_BOOTSTRAPSERVER", "kafka:9092",
                "SLUICE_STREAMS_KAFKA_BOOTSTRAPSERVERS", "kafka:9092",
                "SPRING_DATASOURCE_URI", "jdbc:postgresql://db/x",
                "SLUICE_FIREHOSE_NOSUCHTHING", "1")))
                .containsExactlyInAnyOrder("SLUICE_FIREHOSE_KAFKA_BOOTSTRAPSERVER", "SLUICE_STREAMS_KAFKA_BOOTSTRAPSERVERS",
                        "SPRING_DATASOURCE_URI", "SLUICE_FIREHOSE_NOSUCHTHING");
    }

    @Test
    void portsComeFromEachServicesOwnConfiguration() {
        assertThat(SluiceService.GATEWAY.port()).isEqualTo(4566);
        assertThat(SluiceService.STREAMS.port()).isEqualTo(4567);
    }
}
