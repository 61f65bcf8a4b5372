package io.sluice.common.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * The SerializationException messages AWS's JSON services give for a member of the wrong type, as
 * their (Java, "Coral") deserializer words them: {@code class java.lang.Boolean can not be converted
 * to an String}, {@code Start of structure or map found where not expected.}, {@code Expected list
 * or null}, and a blob's Base64 faults. Kinesis, Firehose and Kinesis Analytics answer alike.
 */
final class CoralTypeErrors {
    /** The class AWS names for any JSON number it could not convert. */
    private static final String NUMBER = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";

    private CoralTypeErrors() {
    }

    /** A mismatch whose message is already AWS's. */
    static final class CoralMismatch extends MismatchedInputException {
        CoralMismatch(JsonParser parser, String message, Class<?> target) {
            super(parser, message, target);
        }
    }

    /** Blobs checked as AWS checks Base64 before they are decoded. */
    static SimpleModule module() {
        return new SimpleModule("coral-blobs").addDeserializer(byte[].class, new BlobDeserializer());
    }

    /** AWS's message for a member of the wrong type, or null when the mismatch is not one of those. */
    static String describe(MismatchedInputException e) {
        if (e instanceof CoralMismatch) {
            return e.getOriginalMessage();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException
                || !(e.getProcessor() instanceof JsonParser parser) || e.getTargetType() == null) {
            return null;
        }
        JsonToken token = parser.currentToken();
        if (token == null) {
            return null;
        }
        Kind kind = Kind.of(e.getTargetType());
        if (token == JsonToken.START_ARRAY && kind != Kind.LIST) {
            return "Start of list found where not expected";
        }
        if (token == JsonToken.START_OBJECT && kind != Kind.MAP && kind != Kind.STRUCTURE) {
            return "Start of structure or map found where not expected.";
        }
        String text;
        try {
            text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
        } catch (IOException unreadable) {
            text = null;
        }
        return switch (kind) {
            case LIST -> "Expected list or null";
            case MAP -> "Expected map or null";
            case STRUCTURE -> "Expected null";
            case OTHER -> null;
            default -> scalar(kind, token, text);
        };
    }

    private static String scalar(Kind kind, JsonToken token, String text) {
        String source;
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            source = "class java.lang.Boolean";
        } else if (token.isNumeric()) {
            source = NUMBER;
        } else if (token == JsonToken.VALUE_STRING) {
            source = kind == Kind.BOOLEAN || kind == Kind.BLOB ? "'" + text + "'" : "class java.lang.String";
        } else {
            return null;
        }
        return source + " can not be converted to " + kind.article;
    }

    private enum Kind {
        STRING("an String"), BOOLEAN("an Boolean"), INTEGER("an Integer"), LONG("an Long"), DOUBLE("an Double"), BLOB("a Blob"),
        TIMESTAMP("milliseconds since epoch"), LIST(null), MAP(null), STRUCTURE(null), OTHER(null);

        private final String article;

        Kind(String article) {
            this.article = article;
        }

        static Kind of(Class<?> type) {
            if (type == String.class || type.isEnum()) {
                return STRING;
            } else if (type == Boolean.class || type == boolean.class) {
                return BOOLEAN;
            } else if (type == Integer.class || type == int.class || type == Short.class || type == short.class) {
                return INTEGER;
            } else if (type == Long.class || type == long.class) {
                return LONG;
            } else if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
                return DOUBLE;
            } else if (type == byte[].class) {
                return BLOB;
            } else if (type == java.time.Instant.class) {
                return TIMESTAMP;
            } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                return LIST;
            } else if (Map.class.isAssignableFrom(type)) {
                return MAP;
            } else if (type.isRecord() || (!type.isPrimitive() && !type.getName().startsWith("java.")
                    && !type.getName().startsWith("com.fasterxml."))) {
                return STRUCTURE;
            }
            return OTHER;
        }
    }

    /**
     * A blob: CBOR's byte strings as they are; Base64 text (JSON) refused with AWS's message when
     * its length is not a multiple of 4, it holds a character outside the alphabet (or padding
     * before its end), or its last character carries bits the decoded bytes do not hold.
     */
    private static final class BlobDeserializer extends JsonDeserializer<byte[]> {
        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_EMBEDDED_OBJECT) {
                return p.getBinaryValue();
            }
            if (token != JsonToken.VALUE_STRING) {
                return (byte[]) ctxt.handleUnexpectedToken(byte[].class, p);
            }
            String problem = problem(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (problem != null) {
                throw new CoralMismatch(p, "'" + p.getText() + "' can not be converted to a Blob: " + problem, byte[].class);
            }
            return p.getBinaryValue();
        }

        static String problem(char[] text, int offset, int length) {
            if (length % 4 != 0) {
                return "Base64 encoded length is expected a multiple of 4 bytes but found: " + length;
            }
            int padding = 0;
            for (int i = length - 1; i >= Math.max(0, length - 2) && text[offset + i] == '='; i--) {
                padding++;
            }
            for (int i = 0; i < length - padding; i++) {
                char c = text[offset + i];
                if (c > 127 || ALPHABET.indexOf(c) < 0) {
                    return "Invalid Base64 character: '" + c + "'";
                }
            }
            if (padding > 0) {
                int last = ALPHABET.indexOf(text[offset + length - padding - 1]);
                int unused = padding == 1 ? 0b11 : 0b1111;
                if ((last & unused) != 0) {
                    return "Invalid last non-pad Base64 character dectected";
                }
            }
            return null;
        }
    }
}
