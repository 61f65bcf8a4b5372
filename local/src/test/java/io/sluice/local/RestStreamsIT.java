package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testsupport.KinesisStreams;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The REST API for streams and records, end to end through the gateway, checked against what the
 * Kinesis API (the SDK's KinesisClient) says about the same resources.
 */
class RestStreamsIT {

    @Test
    void aStreamCreatedReadAndWrittenOverRestIsTheOneTheKinesisApiSees() throws Exception {
        try (KinesisClient kinesis = Platform.kinesis()) {
            Rest.Answer created = Rest.post("/v1/streams", "{\"StreamName\":\"rest-orders\",\"ShardCount\":2}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Location")).isEqualTo("/v1/streams/rest-orders");
            assertThat(created.header("x-amzn-RequestId")).isNotBlank();
            assertThat(created.body().at("/StreamDescriptionSummary/StreamARN").asText())
                    .isEqualTo(kinesis.describeStreamSummary(b -> b.streamName("rest-orders")).streamDescriptionSummary().streamARN());
            KinesisStreams.awaitActive(kinesis, "rest-orders");

            assertThat(Rest.get("/v1/streams?limit=10000").body().get("StreamNames")).extracting(JsonNode::asText).contains("rest-orders");
            JsonNode described = Rest.get("/v1/streams/rest-orders").body();
            assertThat(described.at("/StreamDescriptionSummary/StreamStatus").asText()).isEqualTo("ACTIVE");
            List<String> shardIds = kinesis.listShards(b -> b.streamName("rest-orders")).shards().stream().map(Shard::shardId).toList();
            assertThat(described.get("Shards")).extracting(s -> s.get("ShardId").asText()).containsExactlyElementsOf(shardIds);

            // Records: JSON documents, text and bytes, read back by the SDK exactly as stored.
            Rest.Answer batch = Rest.post("/v1/streams/rest-orders/records", """
                    {"Records": [
                      {"PartitionKey": "a", "Data": {"order": 1, "items": ["x", "y"]}},
                      {"PartitionKey": "b", "Data": "plain text"},
                      {"PartitionKey": "c", "DataBase64": "AAEC/w=="}]}""");
            assertThat(batch.status()).isEqualTo(200);
            assertThat(batch.body().get("FailedRecordCount").asInt()).isZero();
            Rest.Answer single = Rest.post("/v1/streams/rest-orders/records", "{\"PartitionKey\":\"a\",\"Data\":[1,2,3]}");
            assertThat(single.body().get("SequenceNumber").asText()).isNotBlank();
            String shardOfA = single.body().get("ShardId").asText();
            List<byte[]> sdkRead = new ArrayList<>();
            for (String shardId : shardIds) {
                KinesisDataPlaneIT.readAll(kinesis, "rest-orders", shardId).stream().map(Record::data).map(SdkBytes::asByteArray).forEach(sdkRead::add);
            }
            assertThat(sdkRead).containsExactlyInAnyOrder("{\"order\":1,\"items\":[\"x\",\"y\"]}".getBytes(), "plain text".getBytes(),
                    new byte[] {0, 1, 2, (byte) 0xff}, "[1,2,3]".getBytes());

            // Read back over REST: JSON as JSON, text as text, bytes as base64; on from the cursor, nothing more.
            List<JsonNode> read = new ArrayList<>();
            String cursorOfA = null;
            for (String shardId : shardIds) {
                JsonNode page = Rest.get("/v1/streams/rest-orders/records?shardId=" + shardId + "&from=TRIM_HORIZON").body();
                page.get("Records").forEach(read::add);
                if (shardId.equals(shardOfA)) {
                    cursorOfA = page.get("NextCursor").asText();
                }
            }
            assertThat(read).extracting(r -> r.has("Data") ? r.get("Data").toString() : "base64:" + r.get("DataBase64").asText())
                    .containsExactlyInAnyOrder("{\"order\":1,\"items\":[\"x\",\"y\"]}", "\"plain text\"", "base64:AAEC/w==", "[1,2,3]");
            assertThat(Rest.get("/v1/streams/rest-orders/records?cursor=" + cursorOfA).body().get("Records")).isEmpty();
            JsonNode asBase64 = Rest.get("/v1/streams/rest-orders/records?shardId=" + shardOfA + "&format=base64").body().get("Records");
            assertThat(asBase64).allSatisfy(r -> assertThat(r.get("DataBase64").asText()).isNotEmpty());
            assertThat(Base64.getDecoder().decode(asBase64.get(asBase64.size() - 1).get("DataBase64").asText())).isEqualTo("[1,2,3]".getBytes());

            // A live tail: what is in the shard, then what is put while it listens.
            BlockingQueue<Rest.Event> events = Rest.queue();
            HttpResponse<java.io.InputStream> tail = Rest.events("/v1/streams/rest-orders/records/stream?shardId=" + shardOfA
                    + "&from=TRIM_HORIZON", events);
            assertThat(tail.statusCode()).isEqualTo(200);
            try {
                // What the shard held, read above (one more read now could pass the shard's five reads a second).
                int stored = asBase64.size();
                String sequence = kinesis.putRecord(b -> b.streamName("rest-orders").partitionKey("a")
                        .data(SdkBytes.fromUtf8String("{\"live\":true}"))).sequenceNumber();
                List<Rest.Event> seen = new ArrayList<>();
                for (Rest.Event event = events.poll(10, TimeUnit.SECONDS); event != null; event = events.poll(10, TimeUnit.SECONDS)) {
                    seen.add(event);
                    if (sequence.equals(event.id())) {
                        break;
                    }
                }
                assertThat(seen).as("the shard's %d records, then the one put while listening", stored).hasSize(stored + 1)
                        .allSatisfy(e -> assertThat(e.name()).isEqualTo("record"));
                Rest.Event live = seen.get(seen.size() - 1);
                assertThat(live.id()).isEqualTo(sequence);
                assertThat(Rest.JSON.readTree(live.data()).get("Data").get("live").asBoolean()).isTrue();
            } finally {
                tail.body().close();
            }

            // Resharding and deletion, seen by the Kinesis API.
            Rest.Answer reshard = Rest.post("/v1/streams/rest-orders/reshard", "{\"TargetShardCount\":4,\"ScalingType\":\"UNIFORM_SCALING\"}");
            assertThat(reshard.status()).isEqualTo(200);
            assertThat(reshard.body().get("TargetShardCount").asInt()).isEqualTo(4);
            KinesisStreams.awaitActive(kinesis, "rest-orders");
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("rest-orders")).streamDescriptionSummary().openShardCount()).isEqualTo(4);
            assertThat(Rest.call("DELETE", "/v1/streams/rest-orders", null).status()).isEqualTo(202);
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(200)).untilAsserted(() ->
                    assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamName("rest-orders")))
                            .isInstanceOf(ResourceNotFoundException.class));
        }
    }

    @Test
    void errorsAreProblemDetailsWithTheAwsErrorNameAndMessage() throws Exception {
        try (KinesisClient kinesis = Platform.kinesis()) {
            Rest.Answer missing = Rest.get("/v1/streams/no-such-stream");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
            assertThat(missing.body().get("title").asText()).isEqualTo("ResourceNotFoundException");
            assertThat(missing.body().get("requestId").asText()).isEqualTo(missing.header("x-amzn-RequestId"));
            assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamName("no-such-stream")))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .satisfies(e -> assertThat(((ResourceNotFoundException) e).awsErrorDetails().errorMessage())
                            .isEqualTo(missing.body().get("detail").asText()));

            Rest.Answer zeroShards = Rest.post("/v1/streams", "{\"StreamName\":\"rest-bad\",\"ShardCount\":0}");
            assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("rest-bad").shardCount(0)))
                    .isInstanceOf(KinesisException.class)
                    .satisfies(e -> {
                        assertThat(zeroShards.body().get("title").asText()).isEqualTo(((KinesisException) e).awsErrorDetails().errorCode());
                        assertThat(zeroShards.body().get("detail").asText()).isEqualTo(((KinesisException) e).awsErrorDetails().errorMessage());
                    });
            assertThat(zeroShards.status()).isEqualTo(400);

            Rest.Answer noKey = Rest.post("/v1/streams/no-such-stream/records", "{\"Data\":{}}");
            assertThat(noKey.status()).isEqualTo(400);
            assertThat(noKey.body().get("title").asText()).isEqualTo("ValidationException");
            Rest.Answer badJson = Rest.post("/v1/streams", "{\"StreamName\":");
            assertThat(badJson.body().get("title").asText()).isEqualTo("SerializationException");
            Rest.Answer nowhere = Rest.get("/v1/nothing-here");
            assertThat(nowhere.status()).isEqualTo(404);
            assertThat(nowhere.body().get("title").asText()).isEqualTo("UnknownOperationException");
            Rest.Answer badFormat = Rest.get("/v1/streams/no-such-stream/records?shardId=shardId-000000000000&format=xml");
            assertThat(badFormat.body().get("title").asText()).isEqualTo("ValidationException");
            assertThat(Rest.call("PUT", "/v1/streams", "{}").body().get("title").asText()).isEqualTo("UnknownOperationException");
        }
    }
}
