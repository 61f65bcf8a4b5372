package io.sluice.endpoint.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Record data in the REST API: put as a JSON value ({@code Data}: a document is stored as its
 * compact JSON, a string as its text) or as base64 ({@code DataBase64}), and read back as JSON when
 * it is a JSON document, as a string when it is other text, else as base64.
 */
public final class RestData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestData() {
    }

    /** The bytes to store; null when neither is given (the service then says what is missing). */
    public static byte[] bytes(JsonNode data, byte[] base64) {
        if (base64 != null) {
            return base64;
        }
        if (data == null || data.isNull() || data.isMissingNode()) {
            return null;
        }
        try {
            return data.isTextual() ? data.textValue().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data as a JSON document or as text; null when it is neither (it is then shown as base64). */
    public static Object jsonOrText(byte[] data) {
        try {
            JsonNode node = JSON.readTree(data);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (IOException e) {
            // Not a JSON document: text, if it is text.
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
