package io.sluice.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded S3 server over plain HTTP (it accepts unsigned requests), and what a killed process leaves in it. */
class EmbeddedS3IT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");

    @Test
    void theFileOfAWriteCutShortIsListedUntilItIsRemoved(@TempDir Path dir) throws Exception {
        Instant killedRunStart = Instant.now().minusSeconds(60);
        try (EmbeddedS3 s3 = EmbeddedS3.start(dir, 0)) {
            send(s3, "PUT", "/lake", "");
            send(s3, "PUT", "/lake/2026/12/01/records-" + UUID.nameUUIDFromBytes(new byte[] {1}), "a\n");
            send(s3, "PUT", "/lake/upload-" + UUID.randomUUID(), "a user's key that ends in a random uuid\n");
        }
        List<String> kept = List.of("2026/12/01/records-" + UUID.nameUUIDFromBytes(new byte[] {1}));
        String userKey;
        try (var files = Files.list(dir.resolve("lake"))) {
            userKey = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("upload-")).findFirst().orElseThrow();
        }
        // Written before the killed run started: not one of its writes.
        Files.setLastModifiedTime(dir.resolve("lake").resolve(userKey), FileTime.from(killedRunStart.minusSeconds(3600)));
        // What S3Proxy leaves when the process dies between writing an object's file and renaming it into place.
        Path leftover = dir.resolve("lake/2026/12/01/records-" + UUID.nameUUIDFromBytes(new byte[] {1}) + "-" + UUID.randomUUID());
        Files.writeString(leftover, "a\n");

        try (EmbeddedS3 s3 = EmbeddedS3.start(dir, 0)) {
            assertThat(keys(s3)).as("S3Proxy lists the leftover as an object").hasSize(3);
        }
        assertThat(EmbeddedS3.removeInterruptedWrites(dir, killedRunStart)).containsExactly(leftover);
        try (EmbeddedS3 s3 = EmbeddedS3.start(dir, 0)) {
            List<String> expected = new ArrayList<>(kept);
            expected.add(userKey);
            assertThat(keys(s3)).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(EmbeddedS3.removeInterruptedWrites(dir.resolve("missing"), killedRunStart)).isEmpty();
    }

    private static List<String> keys(EmbeddedS3 s3) throws Exception {
        Matcher m = KEY.matcher(send(s3, "GET", "/lake?list-type=2", null));
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static String send(EmbeddedS3 s3, String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
