package io.sluice.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The access keys of a credentials file, the format {@code ./sluice-local --credentials} reads and
 * managed setups seed their key store from:
 * {@code {"credentials": [{"accessKeyId": …, "secretAccessKey": …, "accountId": "123456789012",
 * "policy": {IAM-style policy document, optional}}]}}.
 */
public final class CredentialsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CredentialsFile() {
    }

    /** @throws IllegalArgumentException naming the file and what is wrong in it */
    public static List<AccessKey> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The credentials file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<AccessKey> parse(JsonNode root) {
        JsonNode credentials = root == null ? null : root.get("credentials");
        if (credentials == null || !credentials.isArray()) {
            throw new IllegalArgumentException("expected {\"credentials\": [{\"accessKeyId\": …, \"secretAccessKey\": …, \"accountId\": …}]}");
        }
        List<AccessKey> keys = new ArrayList<>();
        for (JsonNode entry : credentials) {
            JsonNode policy = entry.get("policy");
            if (policy != null && !policy.isNull() && !policy.isObject()) {
                throw new IllegalArgumentException("the policy of " + entry.path("accessKeyId").asText() + " is not a JSON object");
            }
            keys.add(new AccessKey(text(entry, "accessKeyId"), text(entry, "secretAccessKey"), text(entry, "accountId"),
                    policy == null || policy.isNull() ? null : policy.toString()));
        }
        return keys;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
