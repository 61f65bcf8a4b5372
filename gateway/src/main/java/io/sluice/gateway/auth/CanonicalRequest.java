package io.sluice.gateway.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * A request in the canonical form Signature Version 4 signs: method, path (normalized and
 * URI-encoded again, as for every service but S3), sorted query, the signed headers' trimmed values,
 * their names, and the payload's hash.
 *
 * @param method the HTTP method
 * @param rawPath the path as it came on the wire (still percent-encoded)
 * @param rawQuery the query as it came on the wire, null for none
 * @param headers the request's headers
 */
record CanonicalRequest(String method, String rawPath, String rawQuery, HttpHeaders headers) {
    private static final String PRESIGNED_SIGNATURE = "X-Amz-Signature";

    /** The canonical request for these signed headers and payload hash; a presigned request's query leaves out its signature. */
    String of(List<String> signedHeaders, String payloadHash, boolean presigned) {
        StringBuilder canonical = new StringBuilder(256);
        canonical.append(method).append('\n');
        canonical.append(path()).append('\n');
        canonical.append(query(presigned)).append('\n');
        for (String name : signedHeaders) {
            canonical.append(name).append(':').append(headerValue(name)).append('\n');
        }
        canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
        canonical.append(payloadHash);
        return canonical.toString();
    }

    /** The path without {@code .} and {@code ..} segments, encoded once more (a {@code %} becomes {@code %25}). */
    private String path() {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = rawPath.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("..")) {
                segments.pollLast();
            } else if (!part.equals(".")) {
                segments.addLast(part);
            }
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(encode(segment));
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    private String query(boolean presigned) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (presigned && name.equals(PRESIGNED_SIGNATURE)) {
                continue;
            }
            parameters.add(Map.entry(encode(name), encode(value)));
        }
        parameters.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> parameter : parameters) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(parameter.getKey()).append('=').append(parameter.getValue());
        }
        return query.toString();
    }

    /** Every value of the header, each trimmed and its runs of spaces made one, joined by commas. */
    private String headerValue(String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            return "";
        }
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(value.trim().replaceAll(" {2,}", " "));
        }
        return joined.toString();
    }

    /** URI encoding as SigV4 wants it: unreserved characters as they are, every other byte of the UTF-8 as {@code %XY}. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** Percent-decoding only (a {@code +} stays a plus); a malformed escape is kept as it is. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.writeBytes(text.substring(plain, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
                plain = i + 1;
            }
        }
        bytes.writeBytes(text.substring(plain).getBytes(StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
