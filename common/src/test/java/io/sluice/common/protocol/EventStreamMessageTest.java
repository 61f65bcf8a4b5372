package io.sluice.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** Sluice's frames, read back with the AWS SDK's own event-stream decoder (which checks both CRCs). */
class EventStreamMessageTest {

    @Test
    void theSdkDecoderReadsEventsAndExceptions() {
        byte[] payload = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] event = EventStreamMessage.event("SubscribeToShardEvent", WireFormat.JSON, payload).encode();
        byte[] failure = EventStreamMessage.exception("ResourceInUseException", WireFormat.CBOR, new byte[] {(byte) 0xa0}).encode();

        List<Message> decoded = decode(event, failure);

        assertThat(decoded).hasSize(2);
        assertThat(strings(decoded.get(0))).containsEntry(":message-type", "event")
                .containsEntry(":event-type", "SubscribeToShardEvent")
                .containsEntry(":content-type", "application/x-amz-json-1.1");
        assertThat(decoded.get(0).getPayload()).isEqualTo(payload);
        assertThat(strings(decoded.get(1))).containsEntry(":message-type", "exception")
                .containsEntry(":exception-type", "ResourceInUseException")
                .containsEntry(":content-type", "application/x-amz-cbor-1.1");
        assertThat(decoded.get(1).getPayload()).containsExactly(0xa0);
    }

    @Test
    void aMessageSplitAcrossChunksDecodesOnceComplete() {
        byte[] frame = EventStreamMessage.event("initial-response", WireFormat.JSON, "{}".getBytes(StandardCharsets.UTF_8)).encode();
        List<Message> decoded = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(decoded::add);
        decoder.feed(frame, 0, 7);
        assertThat(decoded).isEmpty();
        decoder.feed(frame, 7, frame.length - 7);
        assertThat(decoded).hasSize(1);
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length);
    }

    @Test
    void aCorruptedFrameFailsItsChecksum() {
        byte[] frame = EventStreamMessage.event("SubscribeToShardEvent", WireFormat.JSON, "{}".getBytes(StandardCharsets.UTF_8)).encode();
        frame[frame.length - 6] ^= 1;
        MessageDecoder decoder = new MessageDecoder(m -> { });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.feed(frame)).isInstanceOf(RuntimeException.class);
    }

    private static List<Message> decode(byte[]... frames) {
        List<Message> decoded = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(decoded::add);
        for (byte[] frame : frames) {
            decoder.feed(frame);
        }
        return decoded;
    }

    private static Map<String, String> strings(Message message) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, HeaderValue> header : message.getHeaders().entrySet()) {
            out.put(header.getKey(), header.getValue().getString());
        }
        return out;
    }
}
