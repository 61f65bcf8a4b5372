package io.sluice.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Configuration the services keep in a text column as JSON, in the API's own member names: absent
 * members stay absent, unknown members are skipped (a newer version's), times are epoch
 * milliseconds. A service's store reads and writes its records through this.
 */
public final class StoredJson {
    /** Absent members stay absent (a JSON null would read back as a NullNode, not as null). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new SimpleModule()
                    .addSerializer(Instant.class, new JsonSerializer<Instant>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
                            out.writeNumber(value.toEpochMilli());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<Instant>() {
                        @Override
                        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
                            return Instant.ofEpochMilli(in.getLongValue());
                        }
                    }))
            .build();
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() { };

    private StoredJson() {
    }

    /** A value as JSON, null for null. */
    public static String write(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value read back, null for null. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tags read back (empty for null). */
    public static Map<String, String> readTags(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, TAGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
