package io.sluice.common.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One message of the AWS event-stream binary framing ({@code application/vnd.amazon.eventstream}),
 * which SubscribeToShard's response body is a sequence of. A message is a 12-byte prelude (total
 * length, headers length, CRC32 of those 8 bytes), the headers (name length, name, type 7 = string,
 * value length, value), the payload, and a CRC32 of everything before it. Only string headers are
 * written: every header the Kinesis event streams use is one.
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {
    /** Content type of a response body made of these messages. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    private static final int PRELUDE_BYTES = 12;
    private static final int CRC_BYTES = 4;
    private static final byte STRING_HEADER = 7;
    private static final int MAX_HEADER_NAME = 255;
    private static final int MAX_HEADER_VALUE = 32767;

    public EventStreamMessage {
        headers = new LinkedHashMap<>(headers);
    }

    /** An event: {@code :message-type event}, its {@code :event-type}, a payload in {@code format}. */
    public static EventStreamMessage event(String eventType, WireFormat format, byte[] payload) {
        return of("event", ":event-type", eventType, format, payload);
    }

    /** A modelled exception that ends the stream: {@code :message-type exception} and its {@code :exception-type}. */
    public static EventStreamMessage exception(String exceptionType, WireFormat format, byte[] payload) {
        return of("exception", ":exception-type", exceptionType, format, payload);
    }

    private static EventStreamMessage of(String messageType, String typeHeader, String type, WireFormat format, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", messageType);
        headers.put(typeHeader, type);
        headers.put(":content-type", format.contentType());
        return new EventStreamMessage(headers, payload);
    }

    /** The framed bytes of this message. */
    public byte[] encode() {
        ByteArrayOutputStream encodedHeaders = new ByteArrayOutputStream(128);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            byte[] name = header.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > MAX_HEADER_NAME || value.length > MAX_HEADER_VALUE) {
                throw new IllegalArgumentException("Header out of the event-stream limits: " + header.getKey());
            }
            encodedHeaders.write(name.length);
            encodedHeaders.writeBytes(name);
            encodedHeaders.write(STRING_HEADER);
            encodedHeaders.write(value.length >>> 8);
            encodedHeaders.write(value.length & 0xff);
            encodedHeaders.writeBytes(value);
        }
        int headersLength = encodedHeaders.size();
        int total = PRELUDE_BYTES + headersLength + payload.length + CRC_BYTES;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(headersLength);
        out.putInt((int) crc(out.array(), 0, 8));
        out.put(encodedHeaders.toByteArray()).put(payload);
        out.putInt((int) crc(out.array(), 0, total - CRC_BYTES));
        return out.array();
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
