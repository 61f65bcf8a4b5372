package io.sluice.streams.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.endpoint.rest.RestData;
import io.sluice.streams.record.ChildShardView;
import io.sluice.streams.record.PutRecordsRequestEntry;
import io.sluice.streams.record.RecordView;
import java.time.Instant;
import java.util.List;

/**
 * Records in the REST API: put with their data as a JSON value ({@code Data}) or as base64
 * ({@code DataBase64}), read back the same way ({@code format=json}: a record whose data is a JSON
 * document shows it as JSON, other text as a string, anything else in {@code DataBase64}).
 */
final class RecordRepresentations {
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
            return RestData.bytes(data, dataBase64);
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
            Object data = asJson ? RestData.jsonOrText(record.data()) : null;
            return new Read(record.sequenceNumber().encode(), record.approximateArrivalTimestamp(), record.partitionKey(), data,
                    data == null ? record.data() : null, record.encryptionType());
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
