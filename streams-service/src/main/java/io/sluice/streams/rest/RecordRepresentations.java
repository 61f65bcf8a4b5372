package io.sluice.streams.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.streams.record.ChildShardView;
import io.sluice.streams.record.PutRecordsRequestEntry;
import io.sluice.streams.record.RecordView;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Records in the REST API: put with their data as a JSON value ({@code Data}) or as base64
 * ({@code DataBase64}), read back the same way ({@code format=json}: a record whose data is a JSON
 * document shows it as JSON, other text as a string, anything else in {@code DataBase64}).
 */
final class RecordRepresentations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordRepresentations() {
    }

    /**
     * A record to put: one of them, or {@code Records} for a batch (up to PutRecords' 500).
     *
     * @param data the data as JSON: a document is stored as its compact JSON, a string as its text
     * @param dataBase64 the data as bytes, instead of {@code data}
     */
    record Put(
            @JsonProperty("PartitionKey") String partitionKey,
            @JsonProperty("Data") JsonNode data,
            @JsonProperty("DataBase64") byte[] dataBase64,
            @JsonProperty("ExplicitHashKey") String explicitHashKey,
            @JsonProperty("Records") List<Put> records) {

        PutRecordsRequestEntry entry() {
            return new PutRecordsRequestEntry(bytes(), explicitHashKey, partitionKey);
        }

        byte[] bytes() {
            if (dataBase64 != null) {
                return dataBase64;
            }
            if (data == null || data.isNull() || data.isMissingNode()) {
                return null;
            }
            try {
                return data.isTextual() ? data.textValue().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A record read: {@code Data} as JSON or text with {@code format=json}, base64 otherwise or when it is neither. */
    record Read(
            @JsonProperty("SequenceNumber") String sequenceNumber,
            @JsonProperty("ApproximateArrivalTimestamp") Instant approximateArrivalTimestamp,
            @JsonProperty("PartitionKey") String partitionKey,
            @JsonProperty("Data") Object data,
            @JsonProperty("DataBase64") byte[] dataBase64,
            @JsonProperty("EncryptionType") String encryptionType) {

        static Read of(RecordView record, boolean asJson) {
            Object data = asJson ? jsonOrText(record.data()) : null;
            return new Read(record.sequenceNumber(), record.approximateArrivalTimestamp(), record.partitionKey(), data,
                    data == null ? record.data() : null, record.encryptionType());
        }

        private static Object jsonOrText(byte[] data) {
            try {
                JsonNode node = JSON.readTree(data);
                if (node != null && !node.isMissingNode()) {
                    return node;
                }
            } catch (IOException e) {
                // Not a JSON document: text, if it is text.
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    /** A page of a shard's records and the cursor to the next (null at a closed shard's end, with its children). */
    record Page(
            @JsonProperty("Records") List<Read> records,
            @JsonProperty("NextCursor") String nextCursor,
            @JsonProperty("MillisBehindLatest") long millisBehindLatest,
            @JsonProperty("ChildShards") List<ChildShardView> childShards) {
    }
}
