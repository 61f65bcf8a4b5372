package io.sluice.firehose.delivery;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.firehose.destination.Destination;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A destination and tags as the store keeps them: JSON in the API's own member names (times as epoch milliseconds). */
final class DestinationJson {
    /** Absent members stay absent (a JSON null would read back as a NullNode, not as null). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(java.time.Instant.class, new com.fasterxml.jackson.databind.JsonSerializer<java.time.Instant>() {
                        @Override
                        public void serialize(java.time.Instant value, com.fasterxml.jackson.core.JsonGenerator out,
                                com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                            out.writeNumber(value.toEpochMilli());
                        }
                    })
                    .addDeserializer(java.time.Instant.class, new com.fasterxml.jackson.databind.JsonDeserializer<java.time.Instant>() {
                        @Override
                        public java.time.Instant deserialize(com.fasterxml.jackson.core.JsonParser in,
                                com.fasterxml.jackson.databind.DeserializationContext context) throws IOException {
                            return java.time.Instant.ofEpochMilli(in.getLongValue());
                        }
                    }))
            .build();

    private DestinationJson() {
    }

    static String write(Destination destination) {
        try {
            return destination == null ? null : JSON.writeValueAsString(destination);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String writeTags(java.util.Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static java.util.Map<String, String> readTags(String json) {
        try {
            return json == null ? java.util.Map.of()
                    : JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any value kept as JSON (the encryption, the source), null for null. */
    static String writeValue(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T readValue(String json, Class<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Destination read(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Destination.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
