package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The processors that turn one record into several, before any transform: RecordDeAggregation
 * (KPL aggregated records, concatenated JSON objects, or a delimiter), Decompression (gzip, as
 * CloudWatch Logs subscriptions send) and CloudWatchLogProcessing (one record per log event's
 * message; control messages dropped).
 */
final class Unpacking {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What starts a KPL aggregated record; an MD5 of the protobuf message ends it. */
    private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    /** How a record that could not be unpacked becomes an error output. */
    interface Failure {
        RecordProcessing.Output of(RecordProcessing.Input input, String type, String code, String message, int attempts, String lambdaArn);
    }

    private Unpacking() {
    }

    static List<RecordProcessing.Stage> unpack(ProcessingConfiguration configuration, RecordProcessing.Input input,
            List<RecordProcessing.Output> failures, Failure failure) {
        List<byte[]> parts = List.of(input.data());
        try {
            var deaggregation = configuration.processor("RecordDeAggregation");
            if (deaggregation.isPresent()) {
                String type = deaggregation.get().parameter("SubRecordType", "JSON");
                parts = switch (type) {
                    case "KPL" -> kpl(input.data());
                    case "DELIMITED" -> split(input.data(), Base64.getDecoder().decode(deaggregation.get().parameter("Delimiter", "Cg==")));
                    default -> jsonObjects(input.data());
                };
            }
            if (configuration.processor("Decompression").isPresent()) {
                List<byte[]> inflated = new ArrayList<>(parts.size());
                for (byte[] part : parts) {
                    inflated.add(new GZIPInputStream(new java.io.ByteArrayInputStream(part)).readAllBytes());
                }
                parts = inflated;
            }
            var logs = configuration.processor("CloudWatchLogProcessing");
            if (logs.isPresent() && Boolean.parseBoolean(logs.get().parameter("DataMessageExtraction", "false"))) {
                List<byte[]> messages = new ArrayList<>();
                for (byte[] part : parts) {
                    messages.addAll(logMessages(part));
                }
                parts = messages;
            }
        } catch (IOException | RuntimeException e) {
            failures.add(failure.of(input, RecordProcessing.PROCESSING_FAILED, "Unpacking.Failed",
                    "The record could not be de-aggregated or decompressed: " + e.getMessage(), 1, null));
            return List.of();
        }
        List<RecordProcessing.Stage> stages = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String id = parts.size() == 1 ? String.valueOf(input.offset()) : input.offset() + "." + i;
            stages.add(new RecordProcessing.Stage(input, id, parts.get(i), Map.of()));
        }
        return stages;
    }

    /** Every JSON value of a record holding several, one after another. */
    static List<byte[]> jsonObjects(byte[] data) throws IOException {
        List<byte[]> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(data)) {
            while (values.hasNextValue()) {
                objects.add(JSON.writeValueAsBytes(values.nextValue()));
            }
        }
        return objects;
    }

    static List<byte[]> split(byte[] data, byte[] delimiter) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; delimiter.length > 0 && i + delimiter.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                parts.add(Arrays.copyOfRange(data, start, i));
                start = i + delimiter.length;
                i = start - 1;
            }
        }
        if (start < data.length) {
            parts.add(Arrays.copyOfRange(data, start, data.length));
        }
        return parts;
    }

    /** The user records of a KPL aggregated record; a record that is not one is returned as it is. */
    static List<byte[]> kpl(byte[] data) {
        if (data.length < KPL_MAGIC.length + 16 || !Arrays.equals(data, 0, 4, KPL_MAGIC, 0, 4)) {
            return List.of(data);
        }
        byte[] message = Arrays.copyOfRange(data, 4, data.length - 16);
        try {
            if (!Arrays.equals(MessageDigest.getInstance("MD5").digest(message), Arrays.copyOfRange(data, data.length - 16, data.length))) {
                return List.of(data);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<byte[]> records = new ArrayList<>();
        Protobuf aggregated = new Protobuf(message);
        while (aggregated.more()) {
            int tag = (int) aggregated.varint();
            if (tag >>> 3 == 3 && (tag & 7) == 2) {
                Protobuf record = new Protobuf(aggregated.bytes());
                byte[] payload = new byte[0];
                while (record.more()) {
                    int field = (int) record.varint();
                    if (field >>> 3 == 3 && (field & 7) == 2) {
                        payload = record.bytes();
                    } else {
                        record.skip(field & 7);
                    }
                }
                records.add(payload);
            } else {
                aggregated.skip(tag & 7);
            }
        }
        return records;
    }

    /** The messages of a CloudWatch Logs DATA_MESSAGE; none for a CONTROL_MESSAGE. */
    static List<byte[]> logMessages(byte[] data) throws IOException {
        JsonNode envelope = JSON.readTree(data);
        if (!"DATA_MESSAGE".equals(envelope.path("messageType").asText())) {
            return List.of();
        }
        List<byte[]> messages = new ArrayList<>();
        for (JsonNode event : envelope.path("logEvents")) {
            messages.add(event.path("message").asText("").getBytes(StandardCharsets.UTF_8));
        }
        return messages;
    }

    /** Just enough of protobuf's wire format to read the KPL's messages. */
    private static final class Protobuf {
        private final byte[] data;
        private int position;

        Protobuf(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return position < data.length;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("Malformed varint in KPL aggregated record");
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] value = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return value;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> bytes();
                case 5 -> position += 4;
                default -> throw new IllegalArgumentException("Unsupported protobuf wire type " + wireType);
            }
        }
    }
}
