package io.sluice.common.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.sluice.common.kinesis.SequenceNumber;
import java.io.IOException;

/**
 * Writes a sequence number as the decimal string clients see, straight from its digits: CBOR and
 * JSON bodies take the ASCII bytes as they are, so that the records of a GetRecords response or a
 * SubscribeToShard event make no string each (a profile of GetRecords catch-up put an eighth of the
 * request thread's time in making those strings). A writer that takes only strings gets the string.
 */
public final class SequenceNumberSerializer extends JsonSerializer<SequenceNumber> {
    private static final ThreadLocal<byte[]> DIGITS = ThreadLocal.withInitial(() -> new byte[SequenceNumber.DIGITS]);

    @Override
    public void serialize(SequenceNumber value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        byte[] digits = DIGITS.get();
        value.encodeInto(digits);
        try {
            gen.writeRawUTF8String(digits, 0, SequenceNumber.DIGITS);
        } catch (UnsupportedOperationException e) {
            gen.writeString(value.encode()); // a character writer or a token buffer: they take strings only
        }
    }
}
