package io.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The streams service alone, on the shared embedded Kafka and PostgreSQL, driven by the AWS SDK.
 * Its record limit is set above what Kafka accepts (11 MiB), to make Kafka refuse one record of a
 * batch for real; throughput limits are off so that the oversize record does not throttle the rest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=" + StreamsApplication.CONFIG_NAME,
    "sluice.streams.limits.max-record-bytes=12582912",
    "sluice.streams.limits.put-records-max-bytes=20971520",
    "sluice.streams.throughput.enabled=false"
})
class StreamsServiceIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedEngines.postgres().jdbcUrl("streams"));
        registry.add("spring.datasource.username", () -> SharedEngines.postgres().user());
        registry.add("sluice.streams.kafka.bootstrap-servers", () -> SharedEngines.kafka().bootstrapServers());
    }

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    io.sluice.streams.metadata.StreamStore store;

    /** The JPA metadata store passes the same contract as its in-memory twin, on the real database. */
    @org.junit.jupiter.api.Nested
    class JpaStreamStore extends io.sluice.streams.metadata.StreamStoreContract {
        @Override
        protected io.sluice.streams.metadata.StreamStore store() {
            return store;
        }
    }

    private KinesisClient client;

    private KinesisClient client() {
        if (client == null) {
            client = AwsClients.kinesis(URI.create("http://127.0.0.1:" + port), true);
        }
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void createsWritesAndReadsAStream() {
        KinesisClient kinesis = client();
        kinesis.createStream(b -> b.streamName("smoke").shardCount(2));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("smoke"), w -> w.waitTimeout(Duration.ofSeconds(30)));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("smoke")).streamDescriptionSummary().streamStatus())
                .isEqualTo(StreamStatus.ACTIVE);

        PutRecordResponse put = kinesis.putRecord(b -> b.streamName("smoke").partitionKey("k").data(SdkBytes.fromUtf8String("hello")));
        String iterator = kinesis.getShardIterator(b -> b.streamName("smoke").shardId(put.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse got = kinesis.getRecords(b -> b.shardIterator(iterator));
        assertThat(got.records()).hasSize(1);
        assertThat(got.records().get(0).data().asUtf8String()).isEqualTo("hello");
        assertThat(got.records().get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(got.records().get(0).approximateArrivalTimestamp()).isNotNull();
        assertThat(kinesis.listStreams().streamNames()).contains("smoke");
        assertThat(kinesis.listShards(b -> b.streamName("smoke")).shards()).hasSize(2);

        assertThatThrownBy(() -> kinesis.describeStream(b -> b.streamName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        List<String> names = kinesis.listStreams().streamNames();
        assertThat(names).contains("smoke");
    }

    @Test
    void aRecordKafkaRefusesFailsAloneWithItsErrorCode() {
        KinesisClient kinesis = client();
        kinesis.createStream(b -> b.streamName("partial").shardCount(1));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("partial"), w -> w.waitTimeout(Duration.ofSeconds(30)));
        List<PutRecordsRequestEntry> entries = List.of(
                PutRecordsRequestEntry.builder().partitionKey("a").data(SdkBytes.fromUtf8String("first")).build(),
                PutRecordsRequestEntry.builder().partitionKey("b").data(SdkBytes.fromByteArray(new byte[12 * 1024 * 1024 - 10])).build(),
                PutRecordsRequestEntry.builder().partitionKey("c").data(SdkBytes.fromUtf8String("third")).build());
        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName("partial").records(entries));

        assertThat(response.failedRecordCount()).isEqualTo(1);
        PutRecordsResultEntry failed = response.records().get(1);
        assertThat(failed.errorCode()).isEqualTo("InternalFailure");
        assertThat(failed.errorMessage()).isNotBlank();
        assertThat(failed.sequenceNumber()).isNull();
        assertThat(response.records().get(0).errorCode()).isNull();
        assertThat(response.records().get(2).errorCode()).isNull();

        String iterator = kinesis.getShardIterator(b -> b.streamName("partial").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records())
                .extracting(r -> r.data().asUtf8String()).containsExactly("first", "third");
    }
}
