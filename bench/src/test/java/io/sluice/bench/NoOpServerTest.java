package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.kinesis.SequenceNumber;
import io.sluice.engines.FreePorts;
import io.sluice.testsupport.AwsClients;
import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** The no-op endpoint answers the benchmark's ingest and catch-up calls as the SDK expects them, in CBOR and JSON. */
class NoOpServerTest {

    private static GetRecordsResponse get(KinesisClient kinesis, String iterator) {
        return kinesis.getRecords(b -> b.shardIterator(iterator).limit(400));
    }

    /** The anchor of the HTTP/2 rows: h2c with prior knowledge, several requests in flight on one connection. */
    @Test
    void answersPutRecordsOverHttp2WithPriorKnowledge() throws Exception {
        int port = FreePorts.pick();
        try (AutoCloseable server = NoOpServer.serve(port);
                KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).maxConcurrency(1))
                        .build()) {
            kinesis.createStream(b -> b.streamName("h2").shardCount(1)).join();
            List<PutRecordsRequestEntry> entries = IntStream.range(0, 500)
                    .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(new byte[1024])).build())
                    .toList();
            List<PutRecordsResponse> responses = IntStream.range(0, 4)
                    .mapToObj(i -> kinesis.putRecords(b -> b.streamName("h2").records(entries)))
                    .toList().stream().map(java.util.concurrent.CompletableFuture::join).toList();
            assertThat(responses).hasSize(4).allSatisfy(r -> {
                assertThat(r.failedRecordCount()).isZero();
                assertThat(r.records()).hasSize(500);
            });
            assertThat(kinesis.listShards(b -> b.streamName("h2")).join().shards()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void answersEachPutRecordsRecordAndReadsAsManyBack(boolean cbor) throws Exception {
        int port = FreePorts.pick();
        try (AutoCloseable server = NoOpServer.serve(port);
                KinesisClient kinesis = AwsClients.kinesis(URI.create("http://127.0.0.1:" + port), cbor)) {
            kinesis.createStream(b -> b.streamName("s").shardCount(4));
            assertThat(kinesis.describeStream(b -> b.streamName("s")).streamDescription().streamStatus())
                    .isEqualTo(StreamStatus.ACTIVE);
            for (int count : List.of(500, 37, 500)) {
                List<PutRecordsRequestEntry> entries = IntStream.range(0, count)
                        .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k" + i)
                                .data(SdkBytes.fromByteArray(new byte[1024])).build())
                        .toList();
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName("s").records(entries));
                assertThat(response.failedRecordCount()).isZero();
                assertThat(response.records()).hasSize(count)
                        .allSatisfy(r -> assertThat(r.sequenceNumber()).matches("\\d{" + SequenceNumber.DIGITS + "}"));
            }
            for (int call = 0; call < 2; call++) { // the second from the answer encoded for the first
                PutRecordResponse single = kinesis.putRecord(b -> b.streamName("s").partitionKey("k").data(SdkBytes.fromByteArray(new byte[100])));
                assertThat(single.shardId()).isEqualTo("shardId-000000000000");
                assertThat(single.sequenceNumber()).matches("\\d{" + SequenceNumber.DIGITS + "}");
            }
            List<Shard> shards = kinesis.listShards(b -> b.streamName("s")).shards();
            assertThat(shards).hasSize(4);
            for (int pass = 1; pass <= 2; pass++) { // the second from the pages encoded in the first
                long read = 0;
                for (Shard shard : shards) {
                    String iterator = kinesis.getShardIterator(b -> b.streamName("s").shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                    for (GetRecordsResponse page; !(page = get(kinesis, iterator)).records().isEmpty(); iterator = page.nextShardIterator()) {
                        assertThat(page.records()).hasSizeLessThanOrEqualTo(400)
                                .allSatisfy(r -> assertThat(r.data().asByteArray()).hasSize(1024));
                        read += page.records().size();
                    }
                }
                assertThat(read).as("pass %d: the records written, read back over all shards", pass).isEqualTo(1037);
            }
            kinesis.deleteStream(b -> b.streamName("s"));
            assertThatThrownBy(() -> kinesis.listStreams())
                    .isInstanceOf(KinesisException.class)
                    .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
        }
    }
}
