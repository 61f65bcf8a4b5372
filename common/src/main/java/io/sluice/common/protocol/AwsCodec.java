package io.sluice.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads requests and writes responses and errors of the AWS JSON 1.1 protocol in either of its
 * encodings. Thread-safe; build one per application.
 */
public final class AwsCodec {
    private final ObjectMapper json;
    private final ObjectMapper cbor;

    /** Deepest nesting of a request when none is configured: far beyond any AWS request shape. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    public AwsCodec() {
        this(DEFAULT_MAX_NESTING_DEPTH);
    }

    /**
     * @param maxNestingDepth deepest nesting of structures and lists a request may have; deeper
     *     documents are refused with SerializationException before they cost stack or memory
     */
    public AwsCodec(int maxNestingDepth) {
        StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build();
        this.json = configure(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())).build();
        this.cbor = configure(CBORMapper.builder(CBORFactory.builder().streamReadConstraints(limits).build())).build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // AWS takes no number or boolean for a string member (SerializationException), as it takes no string for a number.
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // A list of AWS's shapes never holds null: refused here, not met by an operation that reads its members.
                .withConfigOverride(java.util.List.class, list -> list.setSetterInfo(
                        com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(com.fasterxml.jackson.annotation.Nulls.FAIL)))
                .addModule(AwsTimestamps.module())
                .addModule(CoralTypeErrors.module());
    }

    /**
     * Decodes a request body. An empty body reads as an empty request.
     *
     * @throws AwsException SerializationException when the body is not a valid document of the type
     */
    public <T> T read(WireFormat format, byte[] body, Class<T> type) {
        ObjectMapper mapper = mapper(format);
        try (JsonParser parser = body == null ? mapper.createParser(new byte[0]) : mapper.createParser(body)) {
            return read(mapper, parser, type);
        } catch (IOException e) {
            throw ErrorCode.SERIALIZATION.exception("Unreadable request body");
        }
    }

    /**
     * Decodes a request body as it streams in, without holding the whole body in one array (a
     * PutRecords body of 5 MiB would otherwise be one large allocation per request).
     *
     * @throws AwsException SerializationException when the body is not a valid document of the type
     * @throws UncheckedIOException when reading the stream fails
     */
    public <T> T read(WireFormat format, InputStream body, Class<T> type) {
        ObjectMapper mapper = mapper(format);
        try (JsonParser parser = mapper.createParser(body)) {
            return read(mapper, parser, type);
        } catch (JsonProcessingException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(ObjectMapper mapper, JsonParser parser, Class<T> type) throws IOException {
        try {
            if (parser.nextToken() == null) {
                return mapper.readValue(mapper.writeValueAsBytes(Map.of()), type);
            }
            T value = mapper.readValue(parser, type);
            if (value == null) {
                throw ErrorCode.SERIALIZATION.exception("Request body must be a structure");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw failure(e);
        }
    }

    /** Encodes a response; a {@code null} response is the empty structure AWS returns for void operations. */
    public byte[] write(WireFormat format, Object response) {
        try {
            return mapper(format).writeValueAsBytes(response == null ? Map.of() : response);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a response straight into a stream, as {@link #write(WireFormat, Object)} does into an array. */
    public void write(WireFormat format, Object response, OutputStream out) throws IOException {
        mapper(format).writeValue(out, response == null ? Map.of() : response);
    }

    /** Encodes an error body: {@code {"__type": name, "message": text}}. */
    public byte[] writeError(WireFormat format, ErrorCode code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", code.wireName());
        body.put("message", message == null ? "" : message);
        return write(format, body);
    }

    private ObjectMapper mapper(WireFormat format) {
        return format == WireFormat.CBOR ? cbor : json;
    }

    /**
     * The answer to a body that could not be decoded: an AWS error the body's stream raised while it
     * was read (its size limit, wrapped by the deserializer that was reading), else a SerializationException.
     */
    private static AwsException failure(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsException raised) {
                return raised;
            }
        }
        return ErrorCode.SERIALIZATION.exception(describe(e));
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            String coral = CoralTypeErrors.describe(mismatch);
            if (coral != null) {
                return coral;
            }
        }
        String message = e.getOriginalMessage();
        return message == null ? "Malformed request body" : message.lines().findFirst().orElse(message);
    }
}
