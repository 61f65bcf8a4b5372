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
 * The digits go into an array of their own each time: a thread-local one cost more than the array,
 * 6 % of the request thread's time in a catch-up of 100-byte records, in lookups that probed past
 * colliding entries of Tomcat's request threads' thread-local tables ({@code ThreadLocalMap.getEntryAfterMiss}).
 */
public final class SequenceNumberSerializer extends JsonSerializer<SequenceNumber> {
    @Override
    public void serialize(SequenceNumber value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        byte[] digits = new byte[SequenceNumber.DIGITS];
        value.encodeInto(digits);
        try {
            gen.writeRawUTF8String(digits, 0, SequenceNumber.DIGITS);
        } catch (UnsupportedOperationException e) {
            gen.writeString(value.encode()); // a character writer or a token buffer: they take strings only
        }
    }
}
